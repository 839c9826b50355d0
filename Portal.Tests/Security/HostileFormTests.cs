using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// Every form that takes text, with script and SQL payloads and with values far too long: payloads are stored as typed
/// and every page that shows them encodes them; overlong values get a Chinese message and change nothing.
/// </summary>
public class HostileFormTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Markup that would run if written out unencoded, and SQL that would hurt if pasted into a query.</summary>
    private const string Payload = "<script>alert('xss')</script><img src=x onerror=alert(1)>'; DROP TABLE Submissions; --";
    private const string Short = "<script>alert(1)</script>";

    private static string Today => UnitAData.Today.ToString("yyyy-MM-dd");

    private static void AssertNoLiveMarkup(string url, string html)
    {
        Assert.False(html.Contains("<script>alert"), $"{url} writes a <script> from user input unencoded");
        Assert.False(html.Contains("<img src=x"), $"{url} writes an <img> from user input unencoded");
    }

    private static async Task<HttpResponseMessage> Redirected(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    [Fact]
    public async Task ScriptAndSqlPayloads_AreStoredAsTyped_AndEveryPageShowsThemEncoded()
    {
        var a = await UnitAData.CreateAsync(factory);
        var liaison = await factory.SignInAsync("demo.liaison");
        var staff = await factory.SignInAsync("demo.staff");
        var admin = await factory.SignInAsync("demo.admin");
        var tag = Guid.NewGuid().ToString("N")[..6];

        // Submissions: the liaison's title and body, the staff's comment, publication and 批示.
        var created = await Redirected(await liaison.PostFormAsync("/Submissions/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = tag + Payload, ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = Today, ["Input.Body"] = Payload + "\n" + Payload,
        }));
        var submission = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        await Redirected(await staff.PostFormAsync($"/Submissions/Review/Item/{submission}", new Dictionary<string, string> { ["review.Comment"] = Payload }, formSelector: "#return-form"));
        await Redirected(await liaison.PostFormAsync($"/Submissions/Edit/{submission}", new Dictionary<string, string>
        {
            ["Input.Title"] = tag + Payload, ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = Today, ["Input.Body"] = Payload + "（已补充）",
        }));
        await Redirected(await staff.PostFormAsync($"/Submissions/Review/Item/{submission}", new Dictionary<string, string>
        {
            ["adopt.Level"] = "City", ["adopt.AdoptedOn"] = Today, ["adopt.Publication"] = Payload,
        }, formSelector: "#adopt-form"));
        await Redirected(await staff.PostFormAsync($"/Submissions/Review/Item/{submission}", new Dictionary<string, string>
        {
            ["instruction.Leader"] = Short, ["instruction.On"] = Today, ["instruction.Content"] = Payload,
        }, formSelector: "#instruction-form"));

        // Supervision: a task registered by staff with payloads, a report by unit A, an extension and a closure.
        await Redirected(await staff.PostFormAsync("/Supervision/Create", new Dictionary<string, string>
        {
            ["Input.Source"] = "LeaderInstruction", ["Input.SourceRef"] = Payload, ["Input.Title"] = tag + Payload, ["Input.Requirements"] = Payload,
            ["Input.LeadUnitId"] = a.UnitA.ToString(), ["Input.AssignedOn"] = Today, ["Input.Deadline"] = UnitAData.Today.AddDays(30).ToString("yyyy-MM-dd"),
            ["Input.Priority"] = "Normal", ["Input.AssignNow"] = "true",
        }, formSelector: "#create-form"));
        var task = factory.Db(db => db.Set<SupervisionTask>().Single(t => t.Title == tag + Payload).Id);
        await Redirected(await liaison.PostFormAsync($"/Supervision/Task/{task}", new Dictionary<string, string>
        {
            ["Report.ReportedOn"] = Today, ["Report.Text"] = Payload,
        }, formSelector: "#report-form"));
        await Redirected(await staff.PostFormAsync($"/Supervision/Task/{task}", new Dictionary<string, string>
        {
            ["Extend.NewDeadline"] = UnitAData.Today.AddDays(60).ToString("yyyy-MM-dd"), ["Extend.Reason"] = Payload, ["Extend.Approver"] = Short,
        }, formSelector: "#extend-form"));
        await Redirected(await staff.PostFormAsync($"/Supervision/Task/{task}", new Dictionary<string, string>
        {
            ["Close.ClosedOn"] = Today, ["Close.Result"] = Payload,
        }, formSelector: "#close-form"));

        // Library: a document's metadata edited to payloads; the dictionary; an evaluation deduction.
        var document = factory.Db(db => db.Documents.Where(d => d.Visibility == DocumentVisibility.Public).OrderBy(d => d.Id).Select(d => d.Id).First());
        await Redirected(await staff.PostFormAsync($"/Library/Edit/{document}", new Dictionary<string, string>
        {
            ["Input.Title"] = tag + Payload, ["Input.DocNumber"] = Short, ["Input.DocType"] = "通知", ["Input.IssuingUnitName"] = Payload,
            ["Input.DocDate"] = "2025-01-20", ["Input.Visibility"] = "Public", ["Input.Body"] = Payload + "\n第二段" + Payload,
        }));
        var word = await admin.PostFormAsync("/Admin/Dictionary", new Dictionary<string, string> { ["Input.Word"] = "<b>词</b>" }, formSelector: "#add-word");
        var wordPage = await word.Content.ReadAsStringAsync();
        Assert.Contains("不能包含空格、标点或符号", wordPage);
        Assert.DoesNotContain("<b>词</b>", wordPage);
        var (round, periodStart) = factory.Db(db => db.Set<Portal.Pages.Evaluation.EvaluationRound>().Where(r => !r.IsLocked).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.PeriodStart }).AsEnumerable().Select(r => (r.Id, r.PeriodStart)).First());
        await Redirected(await staff.PostFormAsync($"/Evaluation/Deductions?id={round}", new Dictionary<string, string>
        {
            ["Input.UnitId"] = a.UnitA.ToString(), ["Input.Points"] = "0.5", ["Input.Reason"] = Payload,
            ["Input.OccurredOn"] = periodStart.ToString("yyyy-MM-dd"),
        }, formSelector: "#deduct-form"));

        Assert.Equal(tag + Payload, factory.Db(db => db.Set<Submission>().Single(s => s.Id == submission).Title));
        Assert.Equal(Payload + "（已补充）", factory.Db(db => db.Set<Submission>().Single(s => s.Id == submission).Body));
        Assert.True(factory.Db(db => db.Set<Submission>().Count()) > 1);

        var encodedSomewhere = 0;
        foreach (var (client, url) in new (HttpClient, string)[]
                 {
                     (liaison, "/"), (liaison, $"/Submissions/Details/{submission}"), (liaison, "/Submissions"), (liaison, $"/Submissions/Edit/{submission}"),
                     (liaison, $"/Supervision/Task/{task}"), (liaison, "/Supervision"), (liaison, "/Supervision/Mine"), (liaison, "/Supervision/Reminders"),
                     (liaison, $"/Library/Details/{document}"), (liaison, "/Library"), (liaison, "/Search?q=DROP+TABLE"),
                     (liaison, $"/Library/Details/{document}?q=alert"), (staff, "/"), (staff, $"/Submissions/Review/Item/{submission}"),
                     (staff, "/Submissions/Review"), (staff, $"/Submissions?q={tag}"), (staff, $"/Supervision/Task/{task}"), (staff, $"/Supervision?q={tag}"),
                     (staff, $"/Library/Edit/{document}"), (staff, $"/Evaluation/Round?id={round}"), (staff, $"/Evaluation/Deductions?id={round}"), (staff, "/Dashboard"),
                     (admin, "/Admin/Audit"), (admin, "/Admin/Dictionary"),
                 })
        {
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            AssertNoLiveMarkup(url, html);
            if (html.Contains("&lt;script&gt;alert")) encodedSomewhere++;
        }
        // The payloads were shown (encoded) on most of these pages: the checks above looked at them.
        Assert.True(encodedSomewhere >= 15, $"payload shown on only {encodedSomewhere} pages");
    }

    private static string Long => new('长', 100_000);

    public static TheoryData<string> OverlongCases => new()
    {
        "submission title", "submission body", "submission date", "return comment", "publication", "instruction", "task title", "task code",
        "task deadline", "report text", "report date", "close result", "extension reason", "document title", "upload unit", "dictionary word", "sign-in name", "rule points",
    };

    [Theory]
    [MemberData(nameof(OverlongCases))]
    public async Task OverlongOrUnreadableValues_GetAChineseMessage_AndChangeNothing(string field)
    {
        var a = await UnitAData.CreateAsync(factory);
        var submitted = factory.Db(db =>
        {
            var s = new Submission(a.UnitA, "待审核" + Guid.NewGuid().ToString("N")[..6], "正文", SubmissionCategory.Dynamic, UnitAData.Today, "demo.liaison", DateTime.UtcNow);
            db.Add(s);
            db.SaveChanges();
            return s.Id;
        });
        var later = UnitAData.Today.AddDays(30).ToString("yyyy-MM-dd");
        var submission = new Dictionary<string, string> { ["Input.Title"] = "标题", ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = Today, ["Input.Body"] = "正文" };
        var newTask = new Dictionary<string, string>
        {
            ["Input.Source"] = "LeaderInstruction", ["Input.Title"] = "事项", ["Input.LeadUnitId"] = a.UnitA.ToString(), ["Input.AssignedOn"] = Today,
            ["Input.Deadline"] = later, ["Input.AssignNow"] = "true",
        };
        (string User, string Url, string Form, Dictionary<string, string> Fields, string Message) c = field switch
        {
            "submission title" => ("demo.liaison", "/Submissions/Create", "#submission-form", new(submission) { ["Input.Title"] = Long }, "标题不能超过 200 个字"),
            "submission body" => ("demo.liaison", "/Submissions/Create", "#submission-form", new(submission) { ["Input.Body"] = Long }, "正文过长"),
            "submission date" => ("demo.liaison", "/Submissions/Create", "#submission-form", new(submission) { ["Input.SubmittedOn"] = "2026-02-30" }, "格式不正确"),
            "return comment" => ("demo.staff", $"/Submissions/Review/Item/{submitted}", "#return-form", new() { ["review.Comment"] = Long }, "不能超过 1000 个字"),
            "publication" => ("demo.staff", $"/Submissions/Review/Item/{submitted}", "#adopt-form",
                new() { ["adopt.Level"] = "City", ["adopt.AdoptedOn"] = Today, ["adopt.Publication"] = Long }, "不能超过 100 个字"),
            "instruction" => ("demo.staff", $"/Submissions/Review/Item/{a.Submission}", "#instruction-form",
                new() { ["instruction.Leader"] = Long, ["instruction.On"] = Today, ["instruction.Content"] = Long }, "不能超过 50 个字"),
            "task title" => ("demo.staff", "/Supervision/Create", "#create-form", new(newTask) { ["Input.Title"] = Long }, "事项名称不能超过 300 个字"),
            "task code" => ("demo.staff", "/Supervision/Create", "#create-form", new(newTask) { ["Input.Code"] = Long }, "督办编号不能超过 50 个字"),
            // A date typed past the picker (forms.js keeps what was typed): refused in Chinese by the server too.
            "task deadline" => ("demo.staff", "/Supervision/Create", "#create-form", new(newTask) { ["Input.Deadline"] = "2026-13-45" }, "格式不正确"),
            "report text" => ("demo.liaison", $"/Supervision/Task/{a.Task}", "#report-form", new() { ["Report.ReportedOn"] = Today, ["Report.Text"] = Long }, "不能超过 4000 个字"),
            "report date" => ("demo.liaison", $"/Supervision/Task/{a.Task}", "#report-form", new() { ["Report.ReportedOn"] = "昨天", ["Report.Text"] = "进展" }, "格式不正确"),
            "close result" => ("demo.staff", $"/Supervision/Task/{a.Task}", "#close-form", new() { ["Close.ClosedOn"] = Today, ["Close.Result"] = Long }, "不能超过 4000 个字"),
            "extension reason" => ("demo.staff", $"/Supervision/Task/{a.Task}", "#extend-form",
                new() { ["Extend.NewDeadline"] = later, ["Extend.Reason"] = Long, ["Extend.Approver"] = Long }, "不能超过 500 个字"),
            "document title" => ("demo.admin", $"/Library/Edit/{a.Document}", "#edit-form",
                new() { ["Input.Title"] = Long, ["Input.DocType"] = "通知", ["Input.Visibility"] = "Restricted", ["Input.Body"] = "正文" }, "标题不能超过 500 字"),
            "upload unit" => ("demo.staff", "/Library/Upload", "#upload-form", new() { ["Input.Unit"] = Long }, "不能超过 200 个字"),
            "dictionary word" => ("demo.admin", "/Admin/Dictionary", "#add-word", new() { ["Input.Word"] = Long }, "词语不能超过 20 个字"),
            "sign-in name" => ("", "/Account/Login", "form[method=post]:not(#logout-form)", new() { ["Input.UserName"] = Long, ["Input.Password"] = Long }, "用户名过长"),
            "rule points" => ("demo.staff", "/Submissions/Rules?year=2026", "#rule-form", new() { ["Input.City"] = "一分", ["Input.Province"] = "1e30" }, "格式不正确"),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var client = c.User.Length == 0 ? factory.CreatePlainClient() : await factory.SignInAsync(c.User);
        var before = StateSnapshot.Take(factory);
        var response = await client.PostFormAsync(c.Url, c.Fields, formSelector: c.Form);
        // The office's commands answer on the task page (post, redirect, get).
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/Supervision/Task/"))
            response = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.ReadDocumentAsync()).Body!.TextContent;
        Assert.Contains(c.Message, text);
        Assert.DoesNotContain("The field", text);
        Assert.DoesNotContain("is not valid", text);
        Assert.DoesNotContain("The value", text);
        Assert.Equal([], StateSnapshot.Take(factory).ChangesSince(before));
    }
}
