using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using Portal.Excel;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Dashboard;

/// <summary>
/// One definition of each figure (issue 18): for several periods, the overdue count, the completion rate and the ranks
/// agree between the dashboard, its charts' data, the list behind each figure, the statistics pages and their exports,
/// the reminders and the leader's home page.
/// </summary>
public class FigureAgreementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static TheoryData<string, int, int?> Periods()
    {
        var lastMonth = Today.AddMonths(-1);
        return new()
        {
            { "year", Today.Year, null },
            { "year", Today.Year - 1, null },
            { "quarter", Today.Year, (Today.Month - 1) / 3 + 1 },
            { "month", lastMonth.Year, lastMonth.Month },
        };
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task OverdueCompletionAndRanks_AgreeAcrossPages(string kind, int year, int? number)
    {
        var leader = await factory.SignInAsync("demo.leader");
        var n = number is int x ? $"&number={x}" : "";
        var dashboard = await leader.GetDocumentAsync($"/Dashboard?Q.Kind={kind}&Q.Year={year}" + (number is int y ? $"&Q.Number={y}" : ""));
        var overdue = Number(dashboard.TextOf("#kpi-overdue"));
        var completion = dashboard.TextOf("#kpi-completion");
        Assert.Contains("计入牵头单位", dashboard.TextOf("#overdue-definition"));

        // The chart's monthly overdue line adds up to the card (each month counts its own assignments).
        var trend = JsonDocument.Parse(dashboard.QuerySelector("canvas#chart-trend")!.GetAttribute("data-chart")!).RootElement;
        var line = trend.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("label").GetString()!.StartsWith("逾期未办结"));
        Assert.Equal(overdue, line.GetProperty("data").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Sum(v => v.GetInt32()));
        Assert.True(trend.GetProperty("counts").GetBoolean());
        // Each month's point opens the list behind it.
        var points = line.GetProperty("data").EnumerateArray().Zip(line.GetProperty("links").EnumerateArray())
            .Where(p => p.First.ValueKind == JsonValueKind.Number && p.First.GetInt32() > 0).Take(2).ToList();
        foreach (var (value, link) in points)
            Assert.Equal(value.GetInt32(), Number((await leader.GetDocumentAsync(link.GetString()!)).TextOf("#total")));

        // The list behind the card holds exactly those tasks.
        var list = await leader.GetDocumentAsync(dashboard.QuerySelector("#kpi-overdue-link")!.GetAttribute("href")!);
        Assert.Equal(overdue, Number(list.TextOf("#total")));
        Assert.Equal(Math.Min(overdue, Portal.Pages.Supervision.IndexModel.PageSize), list.QuerySelectorAll("tr[data-task-id]").Length); // its first page

        // The statistics page and its export.
        var statistics = await leader.GetDocumentAsync($"/Supervision/Statistics?kind={kind}&year={year}{n}");
        var overall = statistics.QuerySelectorAll("#overall-row td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(completion, overall[4]);
        Assert.Equal(overdue, Number(overall[7]));
        var pageRanks = statistics.QuerySelectorAll("#unit-rates tbody tr").Select(tr => (tr.Children[1].TextContent.Trim(), tr.Children[0].TextContent.Trim())).ToList();
        var export = await leader.GetAsync($"/Supervision/Statistics?handler=Export&kind={kind}&year={year}{n}");
        var rows = ExcelReader.ReadRows(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), "各单位办结情况");
        var total = rows.Single(r => r[1].Text == "合计");
        Assert.Equal(overdue, (int)total[8].Number!.Value);
        Assert.Equal(completion, total[4].Number is double rate ? (Math.Round((decimal)rate * 100, 1, MidpointRounding.AwayFromZero)).ToString("F1", CultureInfo.InvariantCulture) + "%" : "—");
        var exportRanks = rows.Where(r => pageRanks.Any(p => p.Item1 == r[1].Text)).Select(r => (r[1].Text, r[0].Text)).ToList();
        Assert.Equal(pageRanks, exportRanks);

        // The per-unit list of the dashboard: each unit's figure is the lead-unit count of the statistics table.
        foreach (var tr in dashboard.QuerySelectorAll("#overdue-units tr"))
        {
            var name = tr.Children[0].TextContent.Trim();
            var row = statistics.QuerySelectorAll("#unit-rates tbody tr").Single(r => r.Children[1].TextContent.Trim() == name);
            Assert.Equal(Number(row.Children[7].TextContent), Number(tr.Children[1].TextContent));
            var unitList = await leader.GetDocumentAsync(tr.QuerySelector("a.text-danger")!.GetAttribute("href")!);
            Assert.Equal(Number(tr.Children[1].TextContent), Number(unitList.TextOf("#total")));
        }

        // Submissions: the card, the list behind it and the statistics page agree, and so do the ranks in the drill-down.
        var submitted = Number(dashboard.TextOf("#kpi-submitted"));
        var items = await leader.GetDocumentAsync(dashboard.QuerySelector("#kpi-submitted-link")!.GetAttribute("href")!);
        Assert.Equal(submitted, Number(items.TextOf("#total")));
        var ranking = await leader.GetDocumentAsync($"/Submissions/Statistics?period.kind={kind}&period.year={year}" + (number is int z ? $"&period.number={z}" : ""));
        Assert.Equal(submitted, ranking.QuerySelectorAll("#ranking tbody tr .submitted").Sum(td => Number(td.TextContent)));
        var first = dashboard.QuerySelector("#top-units a");
        if (first is not null)
        {
            var drill = await leader.GetDocumentAsync(first.GetAttribute("href")!);
            var unitName = first.TextContent.Trim();
            var infoRank = ranking.QuerySelectorAll("#ranking tbody tr").Single(r => r.Children[1].TextContent.Trim() == unitName).QuerySelector(".rank")!.TextContent.Trim();
            Assert.Contains($"排名 {infoRank}", drill.TextOf("#unit-info"));
            var supRank = pageRanks.Single(p => p.Item1 == unitName).Item2;
            Assert.Contains($"排名 {supRank}", drill.TextOf("#unit-supervision"));
        }

        // The leader's home page shows this year's figures: the same as the dashboard's year.
        if (kind == "year" && year == Today.Year)
        {
            var home = await leader.GetDocumentAsync("/");
            Assert.Equal(overdue, Number(home.TextOf("#leader-overdue")));
        }
    }

    [Fact]
    public async Task Reminders_Total_IsTheOverdueCountOfAllPeriods()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var reminders = await staff.GetDocumentAsync("/Supervision/Reminders");
        var statistics = await staff.GetDocumentAsync($"/Supervision/Statistics?kind=custom&from=2000-01-01&to={Today:yyyy-MM-dd}");
        var overall = statistics.QuerySelectorAll("#overall-row td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(Number(overall[7]), Number(reminders.TextOf("#overdue-total")));
        Assert.Contains("计入牵头单位", reminders.TextOf("#definitions"));
        var home = await staff.GetDocumentAsync("/");
        Assert.Equal(Number(overall[7]), Number(home.TextOf("#overdue-count")));
    }

    private static int Number(string text) => int.Parse(new string(text.Where(char.IsDigit).ToArray()));
}
