using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.Excel;

namespace Portal.Tests.Browser;

/// <summary>
/// The statistics pages, the evaluation round and the dashboard printed by Chromium on A4 (page.pdf with the pages' own
/// print stylesheets) and read back with pdftotext: every table column header inside the page box, the print header,
/// page numbers, and the dashboard on at most 2 pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PrintBrowserTests(PortalServerFixture portal)
{
    private async Task<(IReadOnlyList<PrintedPage> Pages, List<string> Headers)> PrintAsync(IPage page, string url, string ready)
    {
        await page.GotoAsync(portal.BaseUrl + url);
        await page.WaitForFunctionAsync(ready);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        // Charts redraw for their paper-sized boxes (site.js, on the print media change).
        await page.WaitForTimeoutAsync(800);
        // The column headers of every table that prints, line by line (a header's lines print as separate words).
        var headers = await page.EvalOnSelectorAllAsync<string[]>("main table thead th",
            "ths => ths.filter(th => th.offsetParent !== null).flatMap(th => th.innerText.split('\\n')).map(t => t.replace(/\\s+/g, '')).filter(t => t.length > 0)");
        var headings = await page.EvalOnSelectorAllAsync<string[]>("main h1, main h2, main h3",
            "hs => hs.filter(h => h.offsetParent !== null).map(h => h.innerText.replace(/\\s+/g, ''))");
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        // Kept beside the phone screenshots for a look by eye (print-<path>.pdf).
        Directory.CreateDirectory(PhoneLayoutBrowserTests.Screenshots);
        await File.WriteAllBytesAsync(Path.Combine(PhoneLayoutBrowserTests.Screenshots, "print-" + Regex.Replace(url.Split('?')[0].Trim('/'), @"\W+", "-") + ".pdf"), pdf);
        var pages = await PrintedWorkbook.ReadPdfAsync(pdf);
        AssertNoHeadingAtAPageFoot(pages, headings);
        return (pages, headers.ToList());
    }

    /// <summary>
    /// No page but the last ends with a heading: its last line of text (above the page-number footer) is not a heading
    /// with less than 80 pt of paper under it (a heading above a chart has the chart, drawn without text, under it).
    /// </summary>
    private static void AssertNoHeadingAtAPageFoot(IReadOnlyList<PrintedPage> pages, IReadOnlyCollection<string> headings)
    {
        foreach (var p in pages.Take(pages.Count - 1))
        {
            var body = p.Words.Where(w => !w.Text.StartsWith("第") || !w.Text.Contains("页")).Where(w => w.YMax < p.Height - 30).ToList();
            if (body.Count == 0) continue;
            var lastLine = body.Max(w => w.YMin);
            var line = string.Concat(body.Where(w => Math.Abs(w.YMin - lastLine) < 2).OrderBy(w => w.XMin).Select(w => w.Text));
            var room = p.Height - 30 - lastLine;
            Assert.False(room < 80 && headings.Any(h => h.Length > 0 && line.StartsWith(h)), $"the heading “{line}” is alone at the foot of a page");
        }
    }

    private static void AssertEveryHeaderInsideThePage(IReadOnlyList<PrintedPage> pages, IEnumerable<string> headers)
    {
        var text = string.Concat(pages.Select(p => p.Text));
        foreach (var h in headers) Assert.True(text.Contains(h), $"column header “{h}” is not printed");
        foreach (var p in pages)
            Assert.All(p.Words, w => Assert.True(w.XMin >= 0 && w.XMax <= p.Width + 0.5, $"“{w.Text}” runs off the page ({w.XMax:0} > {p.Width:0})"));
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"第{i + 1}页，共{pages.Count}页", pages[i].Text);
        }
        Assert.Contains("市人民政府办公室", pages[0].Text);
        Assert.Contains("打印日期：", pages[0].Text);
    }

    private static bool Landscape(PrintedPage p) => p.Width > p.Height;

    [BrowserFact]
    public Task StatisticsPages_PrintLandscape_WithEveryColumn() => portal.RunAsync(nameof(StatisticsPages_PrintLandscape_WithEveryColumn), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        var (supervision, sh) = await PrintAsync(page, "/Supervision/Statistics", "() => document.readyState === 'complete'");
        Assert.Contains("答复率", sh);
        Assert.Contains("满意率", sh);
        AssertEveryHeaderInsideThePage(supervision, sh);
        Assert.All(supervision, p => Assert.True(Landscape(p)));
        Assert.Contains("统计期间：", supervision[0].Text);

        var (submissions, subh) = await PrintAsync(page, "/Submissions/Statistics",
            "() => !!(window.Chart && Chart.getChart('chart-monthly') && Chart.getChart('chart-ranking'))");
        AssertEveryHeaderInsideThePage(submissions, subh);
        Assert.All(submissions, p => Assert.True(Landscape(p)));
    });

    [BrowserFact]
    public Task EvaluationRound_PrintsEveryColumn_IncludingGradeAndMove() => portal.RunAsync(nameof(EvaluationRound_PrintsEveryColumn_IncludingGradeAndMove), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Evaluation");
        var href = await page.GetAttributeAsync("a[href*='/Evaluation/Round?id=']", "href");
        var (pages, headers) = await PrintAsync(page, href!, "() => document.readyState === 'complete'");
        Assert.Contains(headers, h => h.Contains("等次"));
        AssertEveryHeaderInsideThePage(pages, headers);
        Assert.All(pages, p => Assert.True(Landscape(p)));
    });

    [BrowserFact]
    public Task Dashboard_PrintsOnAtMostTwoA4Pages() => portal.RunAsync(nameof(Dashboard_PrintsOnAtMostTwoA4Pages), async page =>
    {
        await portal.SignInAsync(page, "demo.leader");
        var (pages, headers) = await PrintAsync(page, "/Dashboard", "() => document.body.dataset.chartsRendered === '4'");
        AssertEveryHeaderInsideThePage(pages, headers);
        Assert.True(pages.Count is 1 or 2, $"{pages.Count} pages: " + string.Join(" | ", pages.Select(p => string.Concat(p.Text.Take(60)))));
    });

    [BrowserFact]
    public Task SearchResults_PrintOnA4_WithWhatWasSearched_AndEveryHitOfThePage() => portal.RunAsync(nameof(SearchResults_PrintOnA4_WithWhatWasSearched_AndEveryHitOfThePage), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        var (pages, _) = await PrintAsync(page, "/Search?q=" + Uri.EscapeDataString("工作") + "&type=" + Uri.EscapeDataString("通知"),
            "() => document.readyState === 'complete'");
        var titles = await page.EvalOnSelectorAllAsync<string[]>("#results .result-title", "as => as.map(a => a.innerText.replace(/\\s+/g, ''))");
        Assert.NotEmpty(titles);
        var text = string.Concat(pages.Select(p => p.Text)).Replace(" ", "").Replace("\n", "");
        foreach (var title in titles) Assert.Contains(title, text);
        Assert.Contains("检索词：工作；类型：通知；按相关度排序", text);
        // The form, the syntax help and the facets stay on the screen (the page is still in print media here).
        Assert.DoesNotContain("日期从", text);
        Assert.DoesNotContain("检索语法说明", text);
        Assert.Equal("none", await page.EvalOnSelectorAsync<string>("#facets", "e => getComputedStyle(e).display"));
        AssertEveryHeaderInsideThePage(pages, []);
        Assert.All(pages, p => Assert.False(Landscape(p)));
    });

    [BrowserFact]
    public Task SubmissionDetails_PrintsOnOneA4Page_WithoutTheButtons() => portal.RunAsync(nameof(SubmissionDetails_PrintsOnOneA4Page_WithoutTheButtons), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Submissions");
        var link = page.Locator("a[href^='/Submissions/Details/']").First;
        var href = await link.GetAttributeAsync("href");
        var title = (await link.InnerTextAsync()).Replace(" ", "");
        var (pages, headers) = await PrintAsync(page, href!, "() => document.readyState === 'complete'");
        AssertEveryHeaderInsideThePage(pages, headers);
        Assert.Single(pages);
        Assert.Contains(title, pages[0].Text);
        foreach (var part in new[] { "报送单位", "采用情况", "领导批示" }) Assert.Contains(part, pages[0].Text);
        foreach (var button in new[] { "审核/采用", "返回列表" }) Assert.DoesNotContain(button, pages[0].Text);
    });

    [BrowserFact]
    public Task SupervisionTask_PrintsItsFactsAndTimeline_WithoutTheForms() => portal.RunAsync(nameof(SupervisionTask_PrintsItsFactsAndTimeline_WithoutTheForms), async page =>
    {
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Supervision");
        var href = await page.Locator("a[href^='/Supervision/Task/']").First.GetAttributeAsync("href");
        await page.GotoAsync(portal.BaseUrl + href);
        var title = (await page.InnerTextAsync("main h1")).Replace(" ", "");
        var (pages, headers) = await PrintAsync(page, href!, "() => document.readyState === 'complete'");
        AssertEveryHeaderInsideThePage(pages, headers);
        var text = string.Concat(pages.Select(p => p.Text));
        Assert.Contains(title, text);
        foreach (var part in new[] { "督办编号", "牵头单位", "办理期限", "办理要求", "办理时间线", "进展报送" }) Assert.Contains(part, text);
        // Under 进展报送 either the reports or a line saying there are none: never a heading over nothing.
        Assert.True(await page.Locator("#reports li").CountAsync() > 0 || text.Contains("尚无进展报送。"), "进展报送 prints empty");
        Assert.DoesNotContain("督办台账/", text);
        // No form prints (the page is still in print media here); staff see at least the 催办 form on screen.
        Assert.True(await page.EvalOnSelectorAllAsync<int>("main form", "fs => fs.length") > 0);
        Assert.Equal(0, await page.EvalOnSelectorAllAsync<int>("main form", "fs => fs.filter(f => f.offsetParent !== null).length"));
    });

    [BrowserFact]
    public Task LeaderBrief_PrintsOnExactlyOneA4Page() => portal.RunAsync(nameof(LeaderBrief_PrintsOnExactlyOneA4Page), async page =>
    {
        await portal.SignInAsync(page, "demo.leader");
        await page.GotoAsync(portal.BaseUrl + "/Dashboard");
        var href = await page.GetAttributeAsync("#brief-link", "href");
        var (pages, headers) = await PrintAsync(page, href!, "() => document.readyState === 'complete'");
        AssertEveryHeaderInsideThePage(pages, headers);
        Assert.Single(pages);
        foreach (var part in new[] { "关键数字", "考评排名", "逾期未办结事项", "信息采用" }) Assert.Contains(part, pages[0].Text);
    });
}
