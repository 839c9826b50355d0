using System.Text.RegularExpressions;
using Portal.Data;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Excel;

/// <summary>
/// Every export of the demo data, printed by LibreOffice and read back from the PDF: the headers of the default column
/// selection all on page 1 and repeated on every page, body text at 8 pt or larger, "第 N 页" on every page, and no row lost.
/// </summary>
public class PrintedExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(byte[] Xlsx, IReadOnlyList<PrintedPage> Pages)> PrintAsync(string url)
    {
        var staff = await factory.SignInAsync("demo.staff");
        var response = await staff.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        return (xlsx, await PrintedWorkbook.PrintAsync(xlsx));
    }

    private static double Median(IEnumerable<double> xs)
    {
        var l = xs.Order().ToList();
        return l.Count == 0 ? 0 : l[l.Count / 2];
    }

    /// <summary>Asserts what every printed ledger must show; returns the body's printed text size in points.</summary>
    private static async Task<double> AssertFiledLedgerAsync(IReadOnlyList<PrintedPage> pages, IEnumerable<string> headers, string firstHeader)
    {
        var ratio = await PrintedWorkbook.BoxPerPointAsync();
        var first = pages[0].Text;
        foreach (var h in headers) Assert.Contains(h, first);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var header = page.Find(firstHeader);
            Assert.True(header is not null, $"page {i + 1} does not repeat the header row");
            Assert.Contains($"第{i + 1}页，共{pages.Count}页", page.Text);
            Assert.All(page.Words, w => Assert.True(w.XMax <= page.Width && w.XMin >= 0, $"“{w.Text}” is outside the page"));
            var body = page.Below(header!.YMax + 4).Where(w => !w.Text.StartsWith("第")).Select(w => w.Height / ratio).ToList();
            Assert.NotEmpty(body);
        }
        var size = Median(pages.SelectMany(p => p.Below(p.Find(firstHeader)!.YMax + 4)).Select(w => w.Height / ratio));
        Assert.True(size >= 8, $"body text prints at {size:0.0} pt");
        return size;
    }

    [LibreOfficeFact]
    public async Task SubmissionsLedger_DefaultSelection_IsFiledOnA4_ReadableAndComplete()
    {
        var from = new DateOnly(2026, 4, 1);
        var to = new DateOnly(2026, 6, 30);
        var count = factory.Db(db => db.Set<Submission>().Count(s => s.SubmittedOn >= from && s.SubmittedOn <= to));
        var (_, pages) = await PrintAsync("/Submissions/Ledger?handler=Export&period.kind=quarter&period.year=2026&period.number=2");
        var headers = SubmissionLedger.Columns().Where(c => c.Print).Select(c => c.Header).ToList();
        await AssertFiledLedgerAsync(pages, headers, "序号");

        // Every row printed once, in order: the 序号 column (left of 报送单位) reads 1…n over the pages.
        var numbers = pages.SelectMany(p => p.Words.Where(w => w.XMax < p.Find("报送单位")!.XMin && w.YMin > p.Find("序号")!.YMax && Regex.IsMatch(w.Text, @"^\d+$")))
            .Select(w => int.Parse(w.Text)).ToList();
        Assert.Equal(Enumerable.Range(1, count), numbers);
        // Demo data: 200-odd items at 12–35 rows a page (a row is as tall as its longest wrapped text).
        Assert.InRange(pages.Count, (count + 34) / 35, (count + 11) / 12);
    }

    [LibreOfficeFact]
    public async Task SupervisionLedger_DefaultSelection_IsFiledOnA4_ReadableAndComplete()
    {
        var (xlsx, pages) = await PrintAsync("/Supervision?handler=Export");
        var headers = SupervisionExcel.LedgerColumns.Where(c => c.Print).Select(c => c.Header).ToList();
        await AssertFiledLedgerAsync(pages, headers, "督办编号");
        var codes = Portal.Excel.ExcelReader.ReadRows(new MemoryStream(xlsx)).Skip(4).Select(r => r[0].Text).ToList();
        var printed = pages.SelectMany(p => p.Words).Where(w => w.Text.StartsWith("督〔")).Select(w => w.Text).ToList();
        Assert.Equal(codes, printed);
        Assert.InRange(pages.Count, (codes.Count + 34) / 35, (codes.Count + 11) / 12);
    }

    [LibreOfficeFact]
    public async Task FullLedger_IsStillOnePageWide_WithEveryHeaderOnPageOne()
    {
        var (_, pages) = await PrintAsync("/Supervision?handler=Export&columns=all");
        foreach (var h in SupervisionExcel.LedgerColumns.Select(c => c.Header)) Assert.Contains(h, pages[0].Text);
        Assert.All(pages, p => Assert.NotNull(p.Find("督办编号")));
    }

    [LibreOfficeFact]
    public async Task EvaluationWorkbook_PrintsEachSheetNumberedOnItsOwn_WithHeadersWholeAndNoOrphanBracket()
    {
        var id = factory.Db(db => db.Set<EvaluationRound>().Single(r => r.Name.Contains("全市政府系统") && !r.IsLocked).Id);
        var (_, pages) = await PrintAsync($"/Evaluation/Round?handler=Export&id={id}");
        var results = pages[0];
        foreach (var h in new[] { "名次", "单位", "扣分", "总分", "等次", "自评材料", "推荐意见" }) Assert.Contains(h, results.Text);
        Assert.Contains("考评结果第1页", results.Text);
        Assert.DoesNotContain("共", string.Concat(results.Words.Where(w => w.YMin > results.Height - 40).Select(w => w.Text)));
        // A header broken only before its bracket: no line of a header is a lone "）" or "分）".
        Assert.DoesNotContain(pages.SelectMany(p => p.Words), w => w.Text is "）" or "分）" or ")");
        // Each sheet restarts at 第 1 页: as many "第1页" as sheets (the demo round's sheets each fit one page).
        Assert.Equal(pages.Count, pages.Count(p => p.Text.Contains("第1页")));
    }

    [LibreOfficeFact]
    public async Task StatisticsExports_PrintEveryHeaderOnPageOne()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var (_, supervision) = await PrintAsync($"/Supervision/Statistics?handler=Export&kind=year&year={year}");
        foreach (var h in new[] { "名次", "单位", "交办数", "办结率", "按期办结率", "答复率", "满意率" }) Assert.Contains(h, supervision[0].Text);
        var (_, ranking) = await PrintAsync("/Submissions/Statistics?handler=Export&period.kind=year&period.year=2026");
        foreach (var h in new[] { "名次", "单位", "采用率", "得分", "名次变化" }) Assert.Contains(h, ranking[0].Text);
        Assert.Single(ranking);
    }
}
