using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Tests.Browser;

namespace Portal.Tests.Library;

[Collection(BrowserCollection.Name)]
public class UploadBrowserTests(PortalServerFixture portal)
{
    private static FilePayload File(string name, string text) =>
        new() { Name = name, MimeType = "application/octet-stream", Buffer = Encoding.UTF8.GetBytes(text) };

    [BrowserFact]
    public Task SeveralFiles_ShowAProgressBarThatAdvances_ThenAResultPerFile() => portal.RunAsync(nameof(SeveralFiles_ShowAProgressBarThatAdvances_ThenAResultPerFile), async page =>
    {
        // A bulk file long enough for the server to report its processing (batches of 100 in the fixture): 80 batches,
        // several of the page's half-second polls even on a fast machine (2,000 lines were done within one poll once
        // FTS5 stopped writing each document as its own segment).
        var bulk = new StringBuilder();
        for (var i = 0; i < 8000; i++)
            bulk.Append(JsonSerializer.Serialize(new { title = $"档案移交登记第{i}号", body = $"第{i}号档案已按规定移交登记，交接手续齐全。", type = "简报" })).Append('\n');
        const string notice = "关于做好档案移交登记工作的通知\n各科室：\n请于月底前完成档案移交登记。\n特此通知。\n";
        var files = new[]
        {
            File("档案移交.jsonl", bulk.ToString()),
            File("档案讲话汇编.txt", "档案工作讲话（两篇）\n第一篇：在档案工作会议上的讲话\n同志们：\n今天研究档案移交工作。\n第二篇：在档案整理推进会上的讲话\n同志们：\n今天部署档案整理工作。\n"),
            File("移交通知.txt", notice),
            File("移交通知-副本.txt", notice),
            File("扫描件.pdf", "%PDF-1.4"),
        };

        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Library/Upload", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        // Every width the bar takes and every stage line, as they happen.
        await page.EvaluateAsync(@"() => {
            window.seen = { widths: [], stages: [] };
            const bar = document.getElementById('upload-bar'), stage = document.getElementById('upload-stage');
            new MutationObserver(() => window.seen.widths.push(parseFloat(bar.style.width))).observe(bar, { attributes: true, attributeFilter: ['style'] });
            new MutationObserver(() => window.seen.stages.push(stage.textContent)).observe(stage, { childList: true, characterData: true, subtree: true });
        }");
        await page.SetInputFilesAsync("#files", files);
        await page.ClickAsync("#upload-button");
        await page.WaitForSelectorAsync("#results tbody tr");
        await Assertions.Expect(page.Locator("#upload-stage")).ToHaveTextAsync("处理完成。");

        var widths = await page.EvaluateAsync<double[]>("() => window.seen.widths");
        var stages = await page.EvaluateAsync<string[]>("() => window.seen.stages");
        Assert.Contains(widths, w => w > 0 && w < 100);
        Assert.Equal(100, widths[^1]);
        for (var i = 1; i < widths.Length; i++) Assert.True(widths[i] >= widths[i - 1], "the bar went back: " + string.Join(", ", widths));
        // The page polls every half second: a short file may be done between two polls, the 8,000-line .jsonl is not.
        Assert.Contains(stages, s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^正在处理第 [1-5]/5 个文件："));

        var rows = await page.Locator("#results tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => td.textContent.trim()))");
        Assert.Equal(new[] { "档案移交.jsonl", "档案讲话汇编.txt", "移交通知.txt", "移交通知-副本.txt", "扫描件.pdf" }, rows.Select(r => r[0]));
        Assert.Equal("已导入（8000 篇）", rows[0][1]);
        Assert.Equal("已导入（2 篇）", rows[1][1]);
        Assert.Equal("已导入（1 篇）", rows[2][1]);
        Assert.Equal("重复，已跳过", rows[3][1]);
        Assert.Contains("已在文档库中", rows[3][2]);
        Assert.Equal("已拒绝", rows[4][1]);
        Assert.Contains("不支持的文件类型（.pdf）", rows[4][2]);
        Assert.Empty(portal.ExternalRequests);
    });
}
