using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Pages.Submissions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Submissions;

/// <summary>Per role: a liaison reaches only their own unit's items and cannot adopt; staff can; leaders read statistics.</summary>
public class SubmissionAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OwnUnit = "城关区政府办公室";     // demo.liaison
    private const string OtherUnit = "滨江区政府办公室";   // demo.liaison2

    private int UnitId(string name) => factory.Db(db => db.Units.Single(u => u.Name == name).Id);

    /// <summary>A fresh item waiting in the queue (tests do not depend on the random demo states).</summary>
    private (int Id, string Title, SubmissionStatus Status) AnItemOf(string unit, SubmissionStatus status)
    {
        Assert.Equal(SubmissionStatus.Submitted, status);
        var unitId = UnitId(unit);
        var title = $"{unit}测试信息{Guid.NewGuid():N}"[..40];
        return factory.Db(db =>
        {
            var s = new Submission(unitId, title, "正文", SubmissionCategory.Dynamic, new DateOnly(2026, 11, 2), "test", DateTime.UtcNow);
            db.Add(s);
            db.SaveChanges();
            return (s.Id, s.Title, s.Status);
        });
    }

    private static bool IsForbidden(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Forbidden ||
        (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/Account/AccessDenied"));

    [Fact]
    public async Task Liaison_List_ShowsOnlyOwnUnitsItems()
    {
        var client = await factory.SignInAsync("demo.liaison");
        var page = await client.GetDocumentAsync("/Submissions?p=1");
        var ids = page.QuerySelectorAll("#submissions tbody tr[data-id]").Select(tr => int.Parse(tr.GetAttribute("data-id")!)).ToList();
        Assert.NotEmpty(ids);
        var own = UnitId(OwnUnit);
        Assert.True(factory.Db(db => db.Set<Submission>().Where(s => ids.Contains(s.Id)).All(s => s.UnitId == own)));
        var total = int.Parse(page.TextOf("#total"));
        Assert.Equal(factory.Db(db => db.Set<Submission>().Count(s => s.UnitId == own)), total);
    }

    [Fact]
    public async Task Liaison_OtherUnitsItem_IsNotFound_InUrlsAndForms_AndNothingChanges()
    {
        var other = AnItemOf(OtherUnit, SubmissionStatus.Submitted);
        var client = await factory.SignInAsync("demo.liaison");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Submissions/Details/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Submissions/Details/{other.Id}?handler=Attachment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Submissions/Edit/{other.Id}")).StatusCode);

        // The liaison's own edit form, posted to the other unit's id.
        var own = AnItemOf(OwnUnit, SubmissionStatus.Submitted);
        var response = await client.PostFormAsync($"/Submissions/Edit/{own.Id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "篡改的标题", ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = "2026-01-05", ["Input.Body"] = "x",
        }, action: $"/Submissions/Edit/{other.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(other.Title, factory.Db(db => db.Set<Submission>().Single(s => s.Id == other.Id).Title));
    }

    [Fact]
    public async Task Liaison_CannotReachTheQueue_NorAdopt()
    {
        var own = AnItemOf(OwnUnit, SubmissionStatus.Submitted);
        var client = await factory.SignInAsync("demo.liaison");
        Assert.True(IsForbidden(await client.GetAsync("/Submissions/Review")));
        Assert.True(IsForbidden(await client.GetAsync($"/Submissions/Review/Item/{own.Id}")));
        Assert.True(IsForbidden(await client.GetAsync("/Submissions/Rules")));
        Assert.True(IsForbidden(await client.GetAsync("/Submissions/Ledger")));
        Assert.True(IsForbidden(await client.GetAsync("/Submissions/Statistics")));

        var token = await client.AntiforgeryTokenAsync("/Submissions/Create");
        var response = await client.PostAsync($"/Submissions/Review/Item/{own.Id}?handler=Adopt", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["adopt.Level"] = "National", ["adopt.AdoptedOn"] = "2026-11-01",
        }));
        Assert.True(IsForbidden(response), response.StatusCode.ToString());
        Assert.Equal(SubmissionStatus.Submitted, factory.Db(db => db.Set<Submission>().Single(s => s.Id == own.Id).Status));
    }

    [Fact]
    public async Task Liaison_Submits_StaffAdopts_ThenTheItemIsLocked_AndTheAdoptionAudited()
    {
        var liaison = await factory.SignInAsync("demo.liaison");
        var created = await liaison.PostFormAsync("/Submissions/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = "城关区=SUM(A1)开头的标题也只是文字", ["Input.Category"] = "Emergency", ["Input.SubmittedOn"] = "2026-11-02",
            ["Input.Body"] = "第一段。\n第二段。",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        Assert.Equal(UnitId(OwnUnit), factory.Db(db => db.Set<Submission>().Single(s => s.Id == id).UnitId));

        var staff = await factory.SignInAsync("demo.staff");
        var queue = await staff.GetDocumentAsync("/Submissions/Review");
        Assert.NotNull(queue.QuerySelector($"#queue tr[data-id='{id}']"));
        var adopted = await staff.PostFormAsync($"/Submissions/Review/Item/{id}", new Dictionary<string, string>
        {
            ["adopt.Level"] = "City", ["adopt.AdoptedOn"] = "2026-11-05", ["adopt.Publication"] = "《政务信息》2026年第45期",
        }, formSelector: "#adopt-form");
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        var province = await staff.PostFormAsync($"/Submissions/Review/Item/{id}", new Dictionary<string, string>
        {
            ["adopt.Level"] = "Province", ["adopt.AdoptedOn"] = "2026-11-08",
        }, formSelector: "#adopt-form");
        Assert.Equal(HttpStatusCode.Redirect, province.StatusCode);
        var instruction = await staff.PostFormAsync($"/Submissions/Review/Item/{id}", new Dictionary<string, string>
        {
            ["instruction.Leader"] = "市长", ["instruction.On"] = "2026-11-09", ["instruction.Content"] = "请抓好落实",
        }, formSelector: "#instruction-form");
        Assert.Equal(HttpStatusCode.Redirect, instruction.StatusCode);

        var item = factory.Db(db => db.Set<Submission>().Include(s => s.Adoptions).Include(s => s.Instructions).Single(s => s.Id == id));
        Assert.Equal(SubmissionStatus.Adopted, item.Status);
        Assert.Equal(2, item.Adoptions.Count);
        Assert.Single(item.Instructions);
        // Current-year demo rule: city 1 + province 5 + 批示 3 + 突发信息 bonus 1.
        Assert.Equal(10m, item.Points);
        var audit = factory.Db(db => db.AuditEntries.Where(a => a.EntityId == id.ToString()).ToList());
        Assert.Equal(2, audit.Count(a => a.Action == "submission.adopt" && a.UserName == "demo.staff"));
        Assert.Contains(audit, a => a.Action == "submission.points" && a.Before == "0" && a.After == "2");
        Assert.Contains(audit, a => a.Action == "submission.points" && a.Before == "7" && a.After == "10");

        // Adopting the same level twice is refused with a Chinese message, nothing changes.
        var again = await staff.PostFormAsync($"/Submissions/Review/Item/{id}", new Dictionary<string, string>
        {
            ["adopt.Level"] = "City", ["adopt.AdoptedOn"] = "2026-11-10",
        }, formSelector: "#adopt-form");
        var againPage = await again.ReadDocumentAsync();
        Assert.Contains("不能重复采用", againPage.TextOf("#errors"));

        // The liaison can no longer change it.
        var details = await liaison.GetDocumentAsync($"/Submissions/Details/{id}");
        Assert.Null(details.QuerySelector("#edit-link"));
        var edit = await liaison.GetDocumentAsync($"/Submissions/Edit/{id}");
        Assert.NotNull(edit.QuerySelector("#locked"));
        var token = await liaison.AntiforgeryTokenAsync("/Submissions/Create");
        var post = await liaison.PostAsync($"/Submissions/Edit/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Title"] = "改过的标题", ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = "2026-11-02",
        }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("不能再修改", (await post.ReadDocumentAsync()).Body!.TextContent);
        Assert.Equal("城关区=SUM(A1)开头的标题也只是文字", factory.Db(db => db.Set<Submission>().Single(s => s.Id == id).Title));
    }

    [Fact]
    public async Task Staff_ReturnsWithComment_LiaisonEdits_ItemIsBackInTheQueue()
    {
        var own = AnItemOf(OwnUnit, SubmissionStatus.Submitted);
        var staff = await factory.SignInAsync("demo.staff");
        var returned = await staff.PostFormAsync($"/Submissions/Review/Item/{own.Id}", new Dictionary<string, string>
        {
            ["review.Comment"] = "请补充数据",
        }, formSelector: "#return-form");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(SubmissionStatus.Returned, factory.Db(db => db.Set<Submission>().Single(s => s.Id == own.Id).Status));

        var liaison = await factory.SignInAsync("demo.liaison");
        var saved = await liaison.PostFormAsync($"/Submissions/Edit/{own.Id}", new Dictionary<string, string>
        {
            ["Input.Title"] = own.Title + "（补充）", ["Input.Category"] = "Economy", ["Input.SubmittedOn"] = "2026-11-03", ["Input.Body"] = "补充了数据",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var item = factory.Db(db => db.Set<Submission>().Single(s => s.Id == own.Id));
        Assert.Equal(SubmissionStatus.Submitted, item.Status);
        Assert.EndsWith("（补充）", item.Title);
    }

    [Fact]
    public async Task Leader_ReadsStatisticsAndTheLists_ButNotTheWorkflow()
    {
        var leader = await factory.SignInAsync("demo.leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Submissions")).StatusCode);
        Assert.True(IsForbidden(await leader.GetAsync("/Submissions/Review")));
        Assert.True(IsForbidden(await leader.GetAsync("/Submissions/Create")));
        var page = await leader.GetDocumentAsync("/Submissions/Statistics?period.kind=quarter&period.year=2026&period.number=3");
        var rows = page.QuerySelectorAll("#ranking tbody tr");
        Assert.Equal(factory.Db(db => db.Units.Count(u => u.IsActive && u.Kind != Portal.Data.UnitKind.InternalDivision)), rows.Length);
        Assert.Equal("1", rows[0].QuerySelector(".rank")!.TextContent.Trim().Replace("并列", ""));
        Assert.Contains("2026年第3季度", page.TextOf("#period-label"));
        Assert.NotNull(page.QuerySelector("#submission-chart-data"));
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
        var export = await leader.GetAsync("/Submissions/Statistics?handler=Export&period.kind=year&period.year=2026");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Excel.ExcelAssert.Valid(await export.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Statistics_BadPeriod_ShowsAChineseMessage()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var page = await staff.GetDocumentAsync("/Submissions/Statistics?period.kind=month&period.year=2026&period.number=13");
        Assert.Contains("统计期间无效", page.TextOf("#period-error"));
    }

    private static async Task<HttpResponseMessage> CreateWithFileAsync(HttpClient client, string title, string fileName, byte[] bytes)
    {
        var token = await client.AntiforgeryTokenAsync("/Submissions/Create");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "Input.Title" },
            { new StringContent("Dynamic"), "Input.Category" },
            { new StringContent("2026-11-04"), "Input.SubmittedOn" },
            { new StringContent("正文"), "Input.Body" },
            { new ByteArrayContent(bytes), "Attachment", fileName },
        };
        return await client.PostAsync("/Submissions/Create", content);
    }

    [Fact]
    public async Task Attachment_IsStoredOutsideWwwroot_UnderAGeneratedName_AndOnlyItsUnitCanDownloadIt()
    {
        var liaison = await factory.SignInAsync("demo.liaison");
        var bytes = "PK\u0003\u0004附件内容"u8.ToArray(); // a .docx is a zip: the store checks the first bytes
        var created = await CreateWithFileAsync(liaison, "带附件的信息", "../../情况报告.docx", bytes);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var item = factory.Db(db => db.Set<Submission>().Single(s => s.Id == id));
        Assert.Equal("情况报告.docx", item.AttachmentName);
        Assert.Matches("^[0-9a-f]{32}\\.docx$", item.AttachmentStoredName!);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "submissions", item.AttachmentStoredName!)));

        var download = await liaison.GetAsync($"/Submissions/Details/{id}?handler=Attachment");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        var staff = await factory.SignInAsync("demo.staff");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/Submissions/Details/{id}?handler=Attachment")).StatusCode);
        var other = await factory.SignInAsync("demo.liaison2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Submissions/Details/{id}?handler=Attachment")).StatusCode);

        var refused = await CreateWithFileAsync(liaison, "带可执行文件的信息", "run.exe", bytes);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("附件类型不允许", (await refused.ReadDocumentAsync()).Body!.TextContent);
        Assert.False(factory.Db(db => db.Set<Submission>().Any(s => s.Title == "带可执行文件的信息")));
    }

    [Fact]
    public async Task Staff_Pages_AllRender()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var adopted = factory.Db(db => db.Set<Submission>().Where(s => s.Status == SubmissionStatus.Adopted).OrderBy(s => s.Id).Select(s => s.Id).First());
        var unit = UnitId(OtherUnit);
        foreach (var url in new[]
                 {
                     "/Submissions", $"/Submissions?unit={unit}&status=Adopted&year=2026&q=推进&p=1", "/Submissions/Review",
                     $"/Submissions/Review/Item/{adopted}", $"/Submissions/Details/{adopted}", "/Submissions/Rules", "/Submissions/Rules?year=2025",
                     "/Submissions/Ledger", "/Submissions/Statistics", $"/Submissions/Statistics?period.kind=custom&period.from=2026-01-01&period.to=2026-02-15&chartUnit={unit}",
                 })
        {
            var response = await staff.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }
        var list = await staff.GetDocumentAsync($"/Submissions?unit={unit}");
        var ids = list.QuerySelectorAll("#submissions tbody tr[data-id]").Select(tr => int.Parse(tr.GetAttribute("data-id")!)).ToList();
        Assert.NotEmpty(ids);
        Assert.True(factory.Db(db => db.Set<Submission>().Where(s => ids.Contains(s.Id)).All(s => s.UnitId == unit)));
    }

    [Fact]
    public async Task VerifyCheck_FindsStalePoints()
    {
        var check = () => factory.WithScopeAsync(sp => sp.GetServices<Portal.Data.IVerifyCheck>().OfType<SubmissionsVerifyCheck>().Single().RunAsync());
        Assert.Empty(await check());
        var id = factory.Db(db => db.Set<Submission>().Where(s => s.Status == SubmissionStatus.Adopted).OrderBy(s => s.Id).Select(s => s.Id).First());
        factory.Db(db => db.Set<Submission>().Where(s => s.Id == id).ExecuteUpdate(u => u.SetProperty(s => s.Points, 999m)));
        Assert.Contains(await check(), p => p.Contains("得分与当年计分规则不一致"));
    }
}
