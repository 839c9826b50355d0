using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Tests.Infrastructure;
using Portal.Tests.Library.Import;

namespace Portal.Tests.Library;

public class UploadPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Compilation(string topic) =>
        $"{topic}工作讲话（两篇）\n" +
        $"第一篇：在全县{topic}工作会议上的讲话\n同志们：\n今天召开全县{topic}工作会议，主要任务是总结工作、部署任务。各单位要高度重视，认真抓好落实。\n一、提高认识\n要把{topic}工作摆在突出位置。\n" +
        $"第二篇：在全县{topic}工作推进会上的讲话\n同志们：\n这次推进会的任务是查找{topic}工作中的短板，逐项整改到位。\n二、压实责任\n各单位主要负责同志要亲自抓。\n";

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string Name, byte[] Bytes)[] files)
    {
        var token = await client.AntiforgeryTokenAsync("/Library/Upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(""), "Input.DocType" },
            { new StringContent(""), "Input.Unit" },
            { new StringContent("Public"), "Input.Visibility" },
            { new StringContent("test-progress-1"), "Input.ProgressId" },
        };
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "Input.Files", name);
        }
        return await client.PostAsync("/Library/Upload", form);
    }

    internal static async Task<List<(string File, string Outcome, string Message)>> ResultsAsync(HttpResponseMessage response)
    {
        var doc = await response.ReadDocumentAsync();
        return doc.QuerySelectorAll("#results tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2])).ToList();
    }

    [Fact]
    public async Task Staff_UploadsSeveralFiles_AndGetsAResultPerFile()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var response = await UploadAsync(staff,
            ("防汛讲话汇编.txt", Encoding.UTF8.GetBytes(Compilation("防汛"))),
            ("损坏的.docx", Encoding.UTF8.GetBytes("这不是 zip")),
            ("扫描件.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46 }),
            ("空文件.txt", Array.Empty<byte>()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await ResultsAsync(response);
        Assert.Equal(4, results.Count);
        Assert.StartsWith("已导入（2 篇）", results[0].Outcome);
        Assert.Equal("已拒绝", results[1].Outcome);
        Assert.Equal("已拒绝", results[2].Outcome);
        Assert.Contains(".docx", results[2].Message);
        Assert.Equal("已拒绝", results[3].Outcome);
        Assert.Contains("为空", results[3].Message);

        var docs = factory.Db(db => db.Documents.Where(d => d.SourceFileName == "防汛讲话汇编.txt").OrderBy(d => d.Part).ToList());
        Assert.Equal(new[] { "在全县防汛工作会议上的讲话", "在全县防汛工作推进会上的讲话" }, docs.Select(d => d.Title));
        Assert.All(docs, d => Assert.Equal("讲话", d.DocType));
        var source = factory.Db(db => db.SourceFiles.Single(f => f.Id == docs[0].SourceFileId));
        Assert.Equal("demo.staff", source.UploadedBy);
        Assert.Equal(docs[0].SourceFileId, docs[1].SourceFileId);
        // Kept outside wwwroot under a generated name.
        var stored = Path.Combine(factory.DataDirectory, "uploads", source.StoredName);
        Assert.True(File.Exists(stored));
        Assert.DoesNotContain("防汛", source.StoredName);
    }

    [Fact]
    public async Task Result_LinksEachImportedDocument_ByItsTitle()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var response = await UploadAsync(staff, ("森林防火讲话汇编.txt", Encoding.UTF8.GetBytes(Compilation("森林防火"))));
        var links = (await response.ReadDocumentAsync()).QuerySelectorAll("#results .imported-documents a")
            .Select(a => (Title: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();
        var docs = factory.Db(db => db.Documents.Where(d => d.SourceFileName == "森林防火讲话汇编.txt").OrderBy(d => d.Part)
            .Select(d => new { d.Id, d.Title }).ToList());
        Assert.Equal(2, docs.Count);
        Assert.Equal(docs.Select(d => (d.Title, (string?)$"/Library/Details/{d.Id}")), links);
    }

    [Fact]
    public async Task SameContentAgain_IsReportedAsSkipped()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var bytes = Encoding.UTF8.GetBytes(Compilation("消防"));
        await UploadAsync(staff, ("消防.txt", bytes));
        // The same text, saved as UTF-16 with different line endings, is the same content.
        var again = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Compilation("消防").Replace("\n", "\r\n"))).ToArray();
        var results = await ResultsAsync(await UploadAsync(staff, ("消防（副本）.txt", again)));
        Assert.Equal("重复，已跳过", Assert.Single(results).Outcome);
        Assert.Equal(2, factory.Db(db => db.Documents.Count(d => d.Title.Contains("消防"))));
    }

    [Theory]
    [InlineData("demo.liaison")]
    [InlineData("demo.leader")]
    public async Task LiaisonAndLeader_AreDenied(string user)
    {
        var client = await factory.SignInAsync(user);
        var get = await client.GetAsync("/Library/Upload");
        Assert.True(get.StatusCode is HttpStatusCode.Forbidden || get.Headers.Location?.ToString().Contains("/Account/AccessDenied") == true,
            $"expected 403 or access denied, got {(int)get.StatusCode}");

        // A post with a token from a page they may see is refused as well, and imports nothing.
        var token = await client.AntiforgeryTokenAsync("/Library");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Compilation("越权"))), "Input.Files", "越权.txt" },
        };
        var post = await client.PostAsync("/Library/Upload", form);
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden || post.Headers.Location?.ToString().Contains("/Account/AccessDenied") == true);
        Assert.Equal(0, factory.Db(db => db.Documents.Count(d => d.Title.Contains("越权"))));
    }

    [Fact]
    public async Task DocumentPage_ShowsOutline_Download_AndEditReindexes()
    {
        var staff = await factory.SignInAsync("demo.staff");
        await UploadAsync(staff, ("值班讲话.txt", Encoding.UTF8.GetBytes(Compilation("值班"))));
        var id = factory.Db(db => db.Documents.Where(d => d.SourceFileName == "值班讲话.txt" && d.Part == 1).Select(d => d.Id).Single());

        var page = await staff.GetDocumentAsync($"/Library/Details/{id}");
        Assert.Equal("在全县值班工作会议上的讲话", page.TextOf("#doc-title"));
        Assert.Contains("一、提高认识", page.TextOf("#outline"));
        Assert.Contains("在全县值班工作推进会上的讲话", page.TextOf("#siblings"));
        var link = page.QuerySelector<IHtmlAnchorElement>("#download")!;
        var download = await staff.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Compilation("值班"), Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()));

        var edit = await staff.PostFormAsync($"/Library/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "县长在值班工作会议上的讲话",
            ["Input.DocNumber"] = "X政办发〔2025〕3号",
            ["Input.DocType"] = "讲话",
            ["Input.IssuingUnitName"] = "县人民政府",
            ["Input.DocDate"] = "2025-01-20",
            ["Input.Visibility"] = "Public",
            ["Input.Body"] = "同志们：\n今天召开会议。",
        });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var saved = factory.Db(db => db.Documents.AsNoTracking().Single(d => d.Id == id));
        Assert.Equal("县长在值班工作会议上的讲话", saved.Title);
        Assert.Equal(new DateOnly(2025, 1, 20), saved.DocDate);
        Assert.Equal("县人民政府", saved.IssuingUnitName);
    }

    [Fact]
    public async Task Download_IsAuthorisedLikeTheDocument()
    {
        var staff = await factory.SignInAsync("demo.staff");
        await UploadAsync(staff, ("内部通知.txt", Encoding.UTF8.GetBytes("关于内部事项的通知\n各科室：\n请做好内部事项。\n特此通知。\n")));
        var id = factory.Db(db =>
        {
            var doc = db.Documents.Single(d => d.SourceFileName == "内部通知.txt");
            doc.Visibility = DocumentVisibility.Restricted;
            db.SaveChanges();
            return doc.Id;
        });
        var liaison = await factory.SignInAsync("demo.liaison");
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync($"/Library/Details/{id}?handler=Download")).StatusCode);
        var admin = await factory.SignInAsync("demo.admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Library/Details/{id}?handler=Download")).StatusCode);
    }

    [Fact]
    public async Task ProgressEndpoint_AnswersOnlyTheUploader()
    {
        var staff = await factory.SignInAsync("demo.staff");
        await UploadAsync(staff, ("进度.txt", Encoding.UTF8.GetBytes("关于进度测试的通知\n各科室：\n请做好进度测试。\n")));
        var mine = await staff.GetStringAsync("/Library/Upload?handler=Progress&id=test-progress-1");
        Assert.True(mine.Contains("\"done\":true"), mine);
        var admin = await factory.SignInAsync("demo.admin");
        Assert.Contains("\"found\":false", await admin.GetStringAsync("/Library/Upload?handler=Progress&id=test-progress-1"));
    }

    [Fact]
    public async Task Jsonl_WithRowsWithoutTitlesAndBadRows_IsImported_AndTheRefusedRowsAreNamed()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var response = await UploadAsync(staff, ("唐诗.jsonl", Encoding.UTF8.GetBytes(ImportServiceTests.PoemsWithoutTitles(tag))));
        var (_, outcome, message) = Assert.Single(await ResultsAsync(response));
        Assert.Equal("已导入（5 篇），2 行未导入", outcome);
        Assert.Contains("第 5、6 行", message);
        Assert.Equal(5, factory.Db(db => db.Documents.Count(d => d.Body.Contains(tag))));
    }
}
