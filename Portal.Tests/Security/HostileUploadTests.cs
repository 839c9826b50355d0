using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;
using Portal.Tests.Library.Import;

namespace Portal.Tests.Security;

/// <summary>
/// Files that are not what they claim, on the library's upload page and as attachments of submissions and progress
/// reports: each gets a Chinese message naming the problem, never a 500; what was typed is kept; the other files go in.
/// </summary>
public class HostileUploadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    static HostileUploadTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static async Task<HttpResponseMessage> UploadToLibraryAsync(HttpClient client, params (string Name, byte[] Bytes)[] files)
    {
        var token = await client.AntiforgeryTokenAsync("/Library/Upload");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "Input.Files", name);
        }
        return await client.PostAsync("/Library/Upload", form);
    }

    private static async Task<List<(string File, string Outcome, string Message)>> ResultsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.ReadDocumentAsync();
        return doc.QuerySelectorAll("#results tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2])).ToList();
    }

    [Fact]
    public async Task Library_RefusesEachHostileFile_WithItsReason_AndImportsTheGoodOne()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var docx = ReaderTests.MakeDocx();
        var good = "关于做好防范台风工作的通知\n各区县：\n请做好防范台风各项准备。\n";
        var gbk = Encoding.GetEncoding("GB18030").GetBytes("关于做好冬季供暖保障工作的通知\n各区县：\n请确保群众温暖过冬。\n");
        var files = new (string Name, byte[] Bytes, string Outcome, string Reason)[]
        {
            ("空文件.docx", [], "已拒绝", "为空"),
            ("图片改名.txt", HostileFiles.Png, "已拒绝", "不是文本"),
            ("图片改名.docx", HostileFiles.Png, "已拒绝", "不是 ZIP"),
            ("截断的.docx", docx[..(docx.Length / 2)], "已拒绝", "损坏"),
            ("压缩包改名.docx", HostileFiles.ZipWithoutDocument(), "已拒绝", "word/document.xml"),
            ("压缩炸弹.docx", HostileFiles.ZipBombDocx(), "已拒绝", "压缩炸弹"),
            ("坏的UTF8.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("关于"), 0xC3, 0x28, 0xFF, 0xFE], "已拒绝", "不是有效的 UTF-8"),
            ("无BOM的UTF16.txt", Encoding.Unicode.GetBytes(good), "已拒绝", "不是文本"),
            ("程序.exe", "MZ\u0090\0"u8.ToArray(), "已拒绝", "不支持的文件类型"),
            ("<img src=x onerror=alert(1)>.txt", Encoding.UTF8.GetBytes(good), "已导入（1 篇）", "已导入 1 篇"),
            ("旧电脑保存的.txt", gbk, "已导入（1 篇）", "已导入 1 篇"),
        };
        var before = factory.Db(db => db.Documents.Count());
        var response = await UploadToLibraryAsync(staff, files.Select(f => (f.Name, f.Bytes)).ToArray());
        var html = await response.Content.ReadAsStringAsync();
        var results = await ResultsAsync(response);
        Assert.Equal(files.Length, results.Count);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(files[i].Name, results[i].File);
            Assert.True(results[i].Outcome == files[i].Outcome && results[i].Message.Contains(files[i].Reason),
                $"{files[i].Name}: {results[i].Outcome} {results[i].Message}");
        }
        Assert.DoesNotContain("<img src=x", html);
        Assert.Equal(before + 2, factory.Db(db => db.Documents.Count()));
        Assert.Equal(1, factory.Db(db => db.Documents.Count(d => d.Title == "关于做好冬季供暖保障工作的通知")));
    }

    [Fact]
    public async Task Library_MalformedDocx_AreEachRefusedWithAMessage_AndChangeNothing()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var valid = HostileFiles.WithStyles(ReaderTests.MakeDocx());
        var cases = MalformedPackages.From(valid, "word/document.xml").ToList();
        cases.Add(("压缩炸弹（声明的大小很小）", MalformedPackages.DeclareSmaller(HostileFiles.ZipBombDocx(150), "word/document.xml")));
        var before = StateSnapshot.Take(factory);
        var results = await ResultsAsync(await UploadToLibraryAsync(staff, cases.Select((c, k) => ($"损坏{k}.docx", c.Bytes)).ToArray()));
        Assert.Equal(cases.Count, results.Count);
        for (var k = 0; k < cases.Count; k++)
            Assert.True(results[k].Outcome == "已拒绝" && ChineseText.IsChinese(results[k].Message), $"{cases[k].Case}: {results[k].Outcome} {results[k].Message}");
        Assert.Matches("压缩炸弹|已损坏", results[^1].Message);
        Assert.Equal([], StateSnapshot.Take(factory).ChangesSince(before));
        Assert.StartsWith("已导入", (await ResultsAsync(await UploadToLibraryAsync(staff, ("完好.docx", valid))))[0].Outcome);
    }

    [Fact]
    public async Task Library_OversizedFile_IsRefused_AndA100000LineFileIsImported_InSeconds()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var oversized = new byte[20 * 1024 * 1024 + 1];
        Array.Fill(oversized, (byte)'a');
        var text = HostileFiles.LongText(100_000);
        var watch = Stopwatch.StartNew();
        var results = await ResultsAsync(await UploadToLibraryAsync(staff, ("超大.txt", oversized), ("十万行.txt", Encoding.UTF8.GetBytes(text))));
        watch.Stop();
        Assert.Equal("已拒绝", results[0].Outcome);
        Assert.Contains("超过大小限制", results[0].Message);
        Assert.StartsWith("已导入", results[1].Outcome);
        // Linear work takes a few seconds on a quiet machine; the bound only catches a quadratic slip on a loaded one.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), $"took {watch.Elapsed}");
        var body = factory.Db(db => db.Documents.Where(d => d.SourceFileName == "十万行.txt").Select(d => d.Body).ToList());
        Assert.Contains(body, b => b.Contains("第100000项"));
        Assert.Equal(0, factory.Db(db => db.Documents.Count(d => d.SourceFileName == "超大.txt")));
    }

    /// <summary>Attachments no page should take (by name; the bytes are made in the test, not in the test's name).</summary>
    public static TheoryData<string, string> HostileAttachments => new()
    {
        { "空文件.docx", "空文件" },
        { "超大.pdf", "不能超过" },
        { "程序.exe", "附件类型不允许" },
        { "图片改名.docx", "内容与扩展名" },
        { "图片改名.txt", "内容与扩展名" },
        { "文本改名.pdf", "内容与扩展名" },
    };

    private static byte[] BytesOf(string name, long limit) => name switch
    {
        "空文件.docx" => [],
        "超大.pdf" => [.. "%PDF-1.7\n"u8, .. new byte[limit]],
        "程序.exe" => "MZ\u0090\0"u8.ToArray(),
        "文本改名.pdf" => "这不是 PDF"u8.ToArray(),
        _ => HostileFiles.Png,
    };

    [Theory]
    [MemberData(nameof(HostileAttachments))]
    public async Task SubmissionAttachment_IsRefused_WithAMessage_AndTheTypedItemIsKept(string name, string message)
    {
        var bytes = BytesOf(name, 10 * 1024 * 1024);
        var liaison = await factory.SignInAsync("demo.liaison");
        var title = "带问题附件的信息" + Guid.NewGuid().ToString("N")[..6];
        var token = await liaison.AntiforgeryTokenAsync("/Submissions/Create");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "Input.Title" },
            { new StringContent("Dynamic"), "Input.Category" },
            { new StringContent("2026-11-04"), "Input.SubmittedOn" },
            { new StringContent("辛苦写好的正文，不能丢。"), "Input.Body" },
            { new ByteArrayContent(bytes), "Attachment", name },
        };
        var response = await liaison.PostAsync("/Submissions/Create", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.Body!.TextContent);
        Assert.Equal(title, page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal("辛苦写好的正文，不能丢。", page.QuerySelector("#Input_Body")!.TextContent);
        Assert.False(factory.Db(db => db.Set<Submission>().Any(s => s.Title == title)));
    }

    [Theory]
    [MemberData(nameof(HostileAttachments))]
    public async Task ReportAttachment_IsRefused_WithAMessage_AndTheTypedReportIsKept(string name, string message)
    {
        var bytes = BytesOf(name, 20 * 1024 * 1024);
        var a = await UnitAData.CreateAsync(factory);
        var reports = factory.Db(db => db.Set<ProgressReport>().Count(r => r.TaskId == a.Task));
        var liaison = await factory.SignInAsync("demo.liaison");
        var token = await liaison.AntiforgeryTokenAsync($"/Supervision/Task/{a.Task}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(UnitAData.Today.ToString("yyyy-MM-dd")), "Report.ReportedOn" },
            { new StringContent("本周进展：已完成摸底排查。"), "Report.Text" },
            { new ByteArrayContent(bytes), "Attachment", name },
        };
        var response = await liaison.PostAsync($"/Supervision/Task/{a.Task}?handler=Report", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.Body!.TextContent);
        Assert.Equal("本周进展：已完成摸底排查。", page.QuerySelector("#report-form textarea[name='Report.Text']")!.TextContent.Trim());
        Assert.Equal(reports, factory.Db(db => db.Set<ProgressReport>().Count(r => r.TaskId == a.Task)));
    }

    [Fact]
    public async Task RealAttachments_OfEachCheckedType_AreAccepted()
    {
        var a = await UnitAData.CreateAsync(factory);
        var liaison = await factory.SignInAsync("demo.liaison");
        var files = new (string Name, byte[] Bytes)[]
        {
            ("报告.docx", ReaderTests.MakeDocx()), ("扫描件.png", HostileFiles.Png), ("说明.txt", Encoding.UTF8.GetBytes("说明文字")),
            ("说明（UTF-16）.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("说明文字")]), ("报告.pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"u8.ToArray()),
            ("旧版报告.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
        };
        foreach (var (name, bytes) in files)
        {
            var token = await liaison.AntiforgeryTokenAsync($"/Supervision/Task/{a.Task}");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(UnitAData.Today.ToString("yyyy-MM-dd")), "Report.ReportedOn" },
                { new StringContent("附件：" + name), "Report.Text" },
                { new ByteArrayContent(bytes), "Attachment", name },
            };
            var response = await liaison.PostAsync($"/Supervision/Task/{a.Task}?handler=Report", form);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(files.Select(f => f.Name).Order(), factory.Db(db => db.Set<ProgressReport>()
            .Where(r => r.TaskId == a.Task && r.Text.StartsWith("附件：")).Select(r => r.AttachmentName!).ToList()).Order());
    }
}
