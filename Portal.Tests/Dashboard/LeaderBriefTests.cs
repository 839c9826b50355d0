using ClosedXML.Excel;
using Portal.Tests.Excel;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

/// <summary>领导简报: linked from the dashboard, the period's figures each with its definition, and the same data as a workbook.</summary>
public class LeaderBriefTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Brief_IsLinkedFromTheDashboard_AndShowsEveryPartWithItsDefinition()
    {
        var leader = await factory.SignInAsync("demo.leader");
        var dashboard = await leader.GetDocumentAsync("/Dashboard?kind=year&year=2026");
        var href = dashboard.QuerySelector("#brief-link")!.GetAttribute("href")!;
        Assert.StartsWith("/Dashboard/Brief?", href);
        var page = await leader.GetDocumentAsync(href);

        var figures = page.QuerySelectorAll("#brief-figures tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(figures, f => f[0] == "报送信息" && f[1] == $"{dashboard.TextOf("#kpi-submitted").Replace("条", "").Trim()} 条");
        Assert.Contains(figures, f => f[0] == "督办办结率" && f[1] == dashboard.TextOf("#kpi-completion"));
        Assert.All(figures, f => Assert.True(f[2].Length > 5, $"{f[0]} has no definition"));
        Assert.Equal(5, page.QuerySelectorAll("#brief-top tbody tr").Length);
        Assert.NotEmpty(page.QuerySelectorAll("#brief-bottom tbody tr"));
        Assert.All(page.QuerySelectorAll("#brief-top tbody td:last-child"), td => Assert.Matches(@"^\d+\.\d\d$", td.TextContent.Trim()));
        Assert.Equal(3, page.QuerySelectorAll("#brief-levels tbody tr").Length);
        Assert.True(page.QuerySelector("#brief-overdue") is not null || page.QuerySelector("#brief-no-overdue") is not null);
        Assert.Equal(4, page.QuerySelectorAll(".brief p.definition").Length + 1); // ranking, overdue, levels; figures carry theirs per row
    }

    [Fact]
    public async Task BriefWorkbook_HoldsTheSameFigures_PrintedAsFiled()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var page = await staff.GetDocumentAsync("/Dashboard/Brief?kind=year&year=2026");
        var bytes = await staff.GetByteArrayAsync("/Dashboard/Brief?handler=Export&kind=year&year=2026");
        ExcelAssert.Valid(bytes);
        using var wb = new XLWorkbook(new MemoryStream(bytes));
        var ws = wb.Worksheet(1);
        Assert.Equal("领导简报", ws.Cell(1, 1).GetString());
        Assert.StartsWith("统计期间：2026年", ws.Cell(2, 1).GetString());
        Assert.Equal(new[] { "项目", "数值", "口径" }, new[] { 1, 2, 3 }.Select(c => ws.Cell(4, c).GetString()));
        var rows = ws.RowsUsed(r => r.RowNumber() > 4).Select(r => (r.Cell(1).GetString(), r.Cell(2).GetString())).ToList();
        foreach (var tr in page.QuerySelectorAll("#brief-figures tbody tr"))
        {
            var cells = tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
            Assert.Contains((cells[0], cells[1]), rows);
        }
        Assert.Contains(rows, r => r.Item1.StartsWith("考评靠前："));
        Assert.Contains(rows, r => r.Item1.StartsWith("采用："));
        Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
    }
}
