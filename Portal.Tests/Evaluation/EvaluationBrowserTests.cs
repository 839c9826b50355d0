using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using Portal.Tests.Browser;

namespace Portal.Tests.Evaluation;

[Collection(BrowserCollection.Name)]
public class EvaluationBrowserTests(PortalServerFixture portal)
{
    [BrowserFact]
    public Task Workbook_DownloadedFromTheRoundPage_HoldsThePagesResults() => portal.RunAsync(nameof(Workbook_DownloadedFromTheRoundPage_HoldsThePagesResults), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Evaluation", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("a[href^='/Evaluation/Round?id=']").First.ClickAsync();
        await page.WaitForSelectorAsync("#results tbody tr");
        var round = (await page.TextContentAsync("#round-title"))!.Trim();
        var firstUnit = (await page.TextContentAsync("#results tbody tr:first-child td:nth-child(2)"))!.Trim();
        var firstTotal = (await page.TextContentAsync("#results tbody tr:first-child td.total"))!.Trim();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"evaluation-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            using var doc = SpreadsheetDocument.Open(file, false);
            var wb = doc.WorkbookPart!;
            var sheet = wb.Workbook.Descendants<Sheet>().Single(s => s.Name == "考评结果");
            var ws = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet;
            Assert.Equal(round + "结果", Text(wb, ws, "A1"));
            // The first ranked unit, as on the page: row 5 is the first row under the two header rows.
            Assert.Equal(firstUnit, Text(wb, ws, "B5"));
            var totalColumn = ws.Descendants<Row>().Single(r => r.RowIndex!.Value == 3).Elements<Cell>().Single(c => Text(wb, ws, c.CellReference!) == "总分").CellReference!.Value!.TrimEnd('3');
            Assert.Equal(decimal.Parse(firstTotal), Math.Round(decimal.Parse(Text(wb, ws, totalColumn + "5")!, System.Globalization.CultureInfo.InvariantCulture), 2));
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    });

    private static string? Text(WorkbookPart wb, Worksheet ws, string reference)
    {
        var cell = ws.Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null) return null;
        if (cell.DataType?.Value == CellValues.SharedString && cell.CellValue is not null)
            return wb.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText;
        return cell.CellValue?.Text;
    }
}
