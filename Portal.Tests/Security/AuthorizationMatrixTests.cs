using System.Net;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Security.Outcome;

namespace Portal.Tests.Security;

/// <summary>What a role gets from a handler.</summary>
public enum Outcome
{
    /// <summary>Answered: 2xx, or a redirect elsewhere than sign-in and access denied.</summary>
    Ok,
    /// <summary>Sent to sign in first (a redirect to the sign-in page that returns to the request).</summary>
    Login,
    /// <summary>403, or redirected to the access-denied page.</summary>
    Deny,
    /// <summary>404: the record is not there for this user (another unit's, or restricted).</summary>
    Hide,
}

/// <summary>
/// Every page handler and endpoint of the portal × every role, from one table. The handlers are read from the running
/// application, so a new page or handler without a row here fails <see cref="EveryHandler_HasARow_AndEveryRowAHandler"/>.
/// Ids in the addresses are unit A's records (城关区, demo.liaison): the liaison of unit B (demo.liaison2) trying them is
/// the "id changed in the URL or form" case, and nothing any refused request does may change the database or the files.
/// </summary>
public class AuthorizationMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static readonly string[] RoleNames = ["anonymous", "admin", "staff", "leader", "liaison A", "liaison B"];
    internal static readonly string?[] Users = [null, "demo.admin", "demo.staff", "demo.leader", "demo.liaison", "demo.liaison2"];

    private sealed record Row(string Method, string Address, Outcome[] ByRole);

    private static Row R(string request, params Outcome[] byRole)
    {
        var space = request.IndexOf(' ');
        if (byRole.Length != RoleNames.Length) throw new ArgumentException($"{request}: {byRole.Length} outcomes for {RoleNames.Length} roles");
        return new Row(request[..space], request[(space + 1)..].Trim(), byRole);
    }

    // Addresses name unit A's records in braces (see UnitAData). Posts carry the form of PlausibleForm: valid values for
    // every handler, so a refused post is refused by authorisation, not by validation.
    //                                                                          anonymous admin staff leader liaisonA liaisonB
    private static readonly Row[] Matrix =
    [
        R("GET  /",                                                              Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /healthz",                                                       Ok,    Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Error",                                                         Ok,    Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST /Error",                                                         Ok,    Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Account/Login",                                                 Ok,    Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST /Account/Login",                                                 Ok,    Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Account/AccessDenied",                                          Deny,  Deny, Deny, Deny, Deny, Deny), // its message, with 403
        R("GET  /Account/Logout",                                                Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST /Account/Logout",                                                Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Account/ChangePassword",                                        Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("POST /Account/ChangePassword",                                        Login, Ok,   Ok,   Ok,   Ok,   Ok),

        R("GET  /Admin",                                                         Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Audit",                                                   Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Audit?handler=Export",                                    Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Dictionary",                                              Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Dictionary?handler=Add",                                  Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Dictionary?handler=Remove&id={word}",                     Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/IndexMaintenance",                                        Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/IndexMaintenance?handler=Progress",                       Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/IndexMaintenance",                                        Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Users",                                                   Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Users/Create",                                            Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Users/Create",                                            Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Users/Edit/{user}",                                       Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Users/Edit/{user}",                                       Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Users/Edit/{user}?handler=Disable",                       Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Users/Edit/{user}?handler=Enable",                        Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Users/Edit/{user}?handler=Unlock",                        Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Users/Edit/{user}?handler=ResetPassword",                 Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Units",                                                   Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Units",                                                   Login, Ok,   Deny, Deny, Deny, Deny),
        R("GET  /Admin/Units/Edit/{unitA}",                                      Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Units/Edit/{unitA}",                                      Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Units/Edit/{unitA}?handler=Disable",                      Login, Ok,   Deny, Deny, Deny, Deny),
        R("POST /Admin/Units/Edit/{unitA}?handler=Enable",                       Login, Ok,   Deny, Deny, Deny, Deny),

        R("GET  /Dashboard",                                                     Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Dashboard/Unit?id={unitA}",                                     Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Dashboard/Brief",                                               Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Dashboard/Brief?handler=Export",                                Login, Ok,   Ok,   Ok,   Deny, Deny),

        R("GET  /Evaluation",                                                    Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Evaluation/Round?id={round}",                                   Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Evaluation/Round?handler=Export&id={round}",                    Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Evaluation/Enter?id={round}&componentId={component}",           Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Evaluation/Enter?id={round}&componentId={component}",           Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Evaluation/Manage?id={round}",                                  Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Evaluation/Manage?handler=Create",                              Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Evaluation/Scheme?id={round}",                                  Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("POST /Evaluation/Scheme?id={round}",                                  Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Evaluation/Recommendations?id={round}",                         Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("POST /Evaluation/Recommendations?id={round}",                         Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Evaluation/Deductions?id={round}",                              Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("POST /Evaluation/Deductions?handler=Add&id={round}",                  Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Evaluation/Deductions?handler=Remove&id={round}&deductionId=0", Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Evaluation/Ties?id={round}",                                    Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("POST /Evaluation/Ties?handler=Decide&id={round}",                     Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Evaluation/Ties?handler=Withdraw&id={round}",                   Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Evaluation/Manage?handler=Lock&id={round}",                     Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Evaluation/Manage?handler=Unlock&id={round}",                   Login, Ok,   Ok,   Deny, Deny, Deny),

        // A document restricted to unit A: only unit A and administrators read it, staff included.
        R("GET  /Library",                                                       Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Library/Details/{document}",                                    Login, Ok,   Hide, Hide, Ok,   Hide),
        R("GET  /Library/Details/{document}?handler=Download",                   Login, Ok,   Hide, Hide, Ok,   Hide),
        R("GET  /Library/Edit/{document}",                                       Login, Ok,   Hide, Deny, Deny, Deny),
        R("POST /Library/Edit/{document}",                                       Login, Ok,   Hide, Deny, Deny, Deny),
        R("GET  /Library/Upload",                                                Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Library/Upload?handler=Progress&id=matrix",                     Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Library/Upload",                                                Login, Ok,   Ok,   Deny, Deny, Deny),

        R("GET  /Search?q=城关区",                                               Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /api/search?q=城关区",                                           Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Search/Suggest?q=城关",                                         Login, Ok,   Ok,   Ok,   Ok,   Ok),

        // Liaisons submit for their own unit; staff review; leaders only read the statistics.
        R("GET  /Submissions",                                                   Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Submissions/Create",                                            Login, Deny, Deny, Deny, Ok,   Ok),
        R("POST /Submissions/Create",                                            Login, Deny, Deny, Deny, Ok,   Ok),
        R("GET  /Submissions/Details/{submission}",                              Login, Ok,   Ok,   Ok,   Ok,   Hide),
        R("GET  /Submissions/Details/{submission}?handler=Attachment",           Login, Ok,   Ok,   Ok,   Ok,   Hide),
        R("GET  /Submissions/Edit/{submission}",                                 Login, Deny, Deny, Deny, Ok,   Hide),
        R("POST /Submissions/Edit/{submission}",                                 Login, Deny, Deny, Deny, Ok,   Hide),
        R("GET  /Submissions/Ledger",                                            Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Submissions/Ledger?handler=Export",                             Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Submissions/Ledger?handler=Template",                           Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Ledger?handler=Import",                             Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Submissions/Review",                                            Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Submissions/Review/Item/{submission}",                          Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Review/Item/{submission}?handler=Adopt",            Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Review/Item/{submission}?handler=Decline",          Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Review/Item/{submission}?handler=Instruction",      Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Review/Item/{submission}?handler=RemoveInstruction",Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Review/Item/{submission}?handler=Return",           Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Review/Item/{submission}?handler=Revoke",           Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Submissions/Rules",                                             Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Submissions/Rules?year=2026",                                   Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Submissions/Statistics",                                        Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Submissions/Statistics?handler=Export",                         Login, Ok,   Ok,   Ok,   Deny, Deny),

        // Units report on the tasks they lead or co-operate on; the office registers, imports and decides.
        R("GET  /Standing",                                                      Login, Ok,   Ok,   Deny, Ok,   Ok),
        R("GET  /Standing/Publish",                                              Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Standing/Publish",                                              Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Supervision",                                                   Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Supervision?handler=Export",                                    Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Supervision/Mine",                                              Login, Ok,   Ok,   Deny, Ok,   Ok),
        R("GET  /Supervision/Reminders",                                         Login, Ok,   Ok,   Ok,   Ok,   Ok),
        R("GET  /Supervision/Statistics",                                        Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Supervision/Statistics?handler=Export",                         Login, Ok,   Ok,   Ok,   Deny, Deny),
        R("GET  /Supervision/Create",                                            Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Create",                                            Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Supervision/Import",                                            Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Supervision/Import?handler=Template",                           Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Import",                                            Login, Ok,   Ok,   Deny, Deny, Deny),
        R("GET  /Supervision/Task/{task}",                                       Login, Ok,   Ok,   Ok,   Ok,   Hide),
        R("GET  /Supervision/Task/{task}?handler=Attachment&reportId={report}",  Login, Ok,   Ok,   Ok,   Ok,   Hide),
        R("POST /Supervision/Task/{task}?handler=Report",                        Login, Deny, Deny, Deny, Ok,   Hide),
        R("GET  /Supervision/Manage/{task}",                                     Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Manage/{task}?handler=Assign",                      Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Manage/{task}?handler=Close",                       Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Manage/{task}?handler=Extend",                      Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Manage/{task}?handler=Reply",                       Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Manage/{task}?handler=SendBack",                    Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Manage/{task}?handler=Reopen",                      Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Manage/{task}?handler=Urge",                        Login, Ok,   Ok,   Deny, Deny, Deny),
        R("POST /Supervision/Urge",                                              Login, Ok,   Ok,   Deny, Deny, Deny),
    ];

    /// <summary>Each post of the matrix (its address with unit A's ids) and the first role that may use it (null: anonymous).</summary>
    internal static IEnumerable<(string Address, string? User)> AllowedPosts(UnitAData a) =>
        Matrix.Where(r => r.Method == "POST").Select(r => (a.Fill(r.Address), Users[Array.IndexOf(r.ByRole, Ok) is var role and >= 0 ? role : 0]));

    /// <summary>Pages that take posts without an antiforgery token, and why.</summary>
    private static readonly Dictionary<string, string> AntiforgeryExempt = new()
    {
        // The status-code pages re-execute a failed request with its own method; the page only renders a message.
        ["/Error"] = "error page",
    };

    /// <summary>One form for every post: valid values for each handler's fields (the rest are ignored by the others).</summary>
    internal static Dictionary<string, string> PlausibleForm(UnitAData a)
    {
        var today = UnitAData.Today.ToString("yyyy-MM-dd");
        return new()
        {
            ["Input.Title"] = "越权修改的标题", ["Input.Body"] = "越权修改的正文", ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = today,
            ["Input.DocType"] = "通知", ["Input.Visibility"] = "Restricted", ["Input.Word"] = "越权词语",
            ["Input.Source"] = "LeaderInstruction", ["Input.LeadUnitId"] = a.UnitA.ToString(), ["Input.AssignedOn"] = today,
            ["Input.Deadline"] = UnitAData.Today.AddDays(30).ToString("yyyy-MM-dd"), ["Input.City"] = "2", ["Input.Province"] = "5",
            ["Input.National"] = "10", ["Input.Instruction"] = "3",
            ["Report.ReportedOn"] = today, ["Report.Text"] = "越权报送的进展",
            ["Close.ClosedOn"] = today, ["Close.Result"] = "越权办结", ["Extend.NewDeadline"] = UnitAData.Today.AddDays(400).ToString("yyyy-MM-dd"),
            ["Extend.Reason"] = "越权延期", ["Extend.Approver"] = "越权批准", ["SendBack.Reason"] = "越权退回", ["Reopen.Reason"] = "越权撤销办结",
            ["Urge.UnitIds"] = a.UnitA.ToString(), ["Urge.Message"] = "越权催办", ["TaskIds"] = a.Task.ToString(), ["Message"] = "越权批量催办", ["Reply.RepliedOn"] = today,
            ["adopt.Level"] = "National", ["adopt.AdoptedOn"] = today, ["review.Comment"] = "越权审核", ["instruction.Leader"] = "市长",
            ["instruction.On"] = today, ["instruction.Content"] = "越权批示", ["level"] = "City", ["instructionId"] = a.Instruction.ToString(),
            ["unitId"] = a.UnitA.ToString(), ["points"] = "1", ["reason"] = "越权", ["name"] = "越权考评轮次",
            ["start"] = "2026-01-01", ["end"] = "2026-12-31", ["Lines[0].UnitId"] = a.UnitA.ToString(), ["Lines[0].Value"] = "1",
            ["Input.UserName"] = "matrix.new." + a.Word, ["Input.DisplayName"] = "越权用户", ["Input.Role"] = "Admin", ["Input.UnitId"] = a.UnitA.ToString(),
            ["Input.Current"] = "matrix-pass-2026", ["Input.New"] = "越权密码-matrix-2026", ["Input.Confirm"] = "越权密码-matrix-2026",
        };
    }

    [Fact]
    public async Task EveryHandler_HasARow_AndEveryRowAHandler()
    {
        var handlers = await EndpointCatalog.ReadAsync(factory.Services);
        Assert.Contains(handlers, h => h.Key == "POST /Supervision/Manage?handler=Close");
        var rows = Matrix.Select(r => (Row: r, Handler: Match(handlers, r))).ToList();
        var unmatched = rows.Where(x => x.Handler is null).Select(x => $"{x.Row.Method} {x.Row.Address}").ToList();
        Assert.True(unmatched.Count == 0, "rows that name no handler of the portal: " + string.Join("; ", unmatched));
        var missing = handlers.Where(h => rows.All(x => x.Handler != h)).Select(h => h.Key).ToList();
        Assert.True(missing.Count == 0,
            "handlers without a row in AuthorizationMatrixTests.Matrix (declare what each role gets): " + string.Join("; ", missing));
        Assert.Equal(rows.Count, rows.Select(x => x.Handler).Distinct().Count());
    }

    [Fact]
    public async Task RefusedRequests_AreRefused_AndChangeNothing()
    {
        var a = await UnitAData.CreateAsync(factory);
        var clients = await ClientsAsync();
        var form = PlausibleForm(a);
        var before = StateSnapshot.Take(factory);
        var failures = new List<string>();
        var count = 0;
        foreach (var row in Matrix)
            for (var role = 0; role < RoleNames.Length; role++)
            {
                if (row.ByRole[role] == Ok) continue;
                count++;
                var response = await SendAsync(clients[role], row, a, form, withToken: true);
                Check(failures, row, role, response, row.ByRole[role]);
            }
        Assert.True(count > 150, $"only {count} refusals");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal([], StateSnapshot.Take(factory).ChangesSince(before));
    }

    [Fact]
    public async Task PostsWithoutAntiforgeryToken_AreRefused_ForEveryRole()
    {
        var a = await UnitAData.CreateAsync(factory);
        var clients = await ClientsAsync();
        var form = PlausibleForm(a);
        var before = StateSnapshot.Take(factory);
        var failures = new List<string>();
        foreach (var row in Matrix.Where(r => r.Method == "POST" && !AntiforgeryExempt.ContainsKey(r.Address.Split('?')[0])))
            for (var role = 0; role < RoleNames.Length; role++)
            {
                // Authorisation answers first; whoever gets past it meets the antiforgery check: 400 before any handler runs
                // (so a handler that refuses by itself, like Create for staff, is not reached either).
                var response = await SendAsync(clients[role], row, a, form, withToken: false);
                var refusedFirst = row.ByRole[role] is Login or Deny && OutcomeOf(response) == row.ByRole[role];
                if (response.StatusCode != HttpStatusCode.BadRequest && !refusedFirst)
                    failures.Add($"{row.Method} {row.Address} as {RoleNames[role]} without a token: {(int)response.StatusCode} {response.Headers.Location}, expected 400");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal([], StateSnapshot.Take(factory).ChangesSince(before));
        // Everyone is still signed in: a post to Logout without a token did not sign anyone out.
        Assert.Equal(HttpStatusCode.OK, (await clients[4].Client.GetAsync("/Supervision/Mine")).StatusCode);
    }

    [Fact]
    public async Task AllowedRequests_AreAnswered()
    {
        var a = await UnitAData.CreateAsync(factory);
        var clients = await ClientsAsync();
        var form = PlausibleForm(a);
        var failures = new List<string>();
        // Reads first, then the posts (which change unit A's records), signing out last.
        var order = Matrix.OrderBy(r => r.Method == "GET" ? 0 : r.Address.StartsWith("/Account/Logout") ? 2 : 1).ToList();
        foreach (var row in order)
            for (var role = 0; role < RoleNames.Length; role++)
            {
                if (row.ByRole[role] != Ok) continue;
                var response = await SendAsync(clients[role], row, a, form, withToken: true);
                Check(failures, row, role, response, Ok);
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task RequestsNoHandlerTakes_Are405_WithAChineseMessage_AndChangeNothing()
    {
        var a = await UnitAData.CreateAsync(factory);
        var clients = await ClientsAsync();
        var form = PlausibleForm(a);
        var before = StateSnapshot.Take(factory);
        var failures = new List<string>();
        var count = 0;
        foreach (var row in Matrix.Where(r => r.Method == "GET" && Handler(r.Address) == ""))
        {
            // As a role that may read the page, so that the request reaches the page.
            var role = Array.IndexOf(row.ByRole, Ok, 1);
            if (role < 0) continue;
            foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH", "PAGE" })
            {
                if (Matrix.Any(r => r.Method == method && Handler(r.Address) == "" && PathOf(r.Address) == PathOf(row.Address))) continue;
                count++;
                var fields = new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = clients[role].Token };
                var response = await clients[role].Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), a.Fill(row.Address))
                {
                    Content = new FormUrlEncodedContent(fields),
                });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed || !body.Contains("该页面不接受这种请求"))
                    failures.Add($"{method} {row.Address} as {RoleNames[role]}: {(int)response.StatusCode}");
            }
        }
        Assert.True(count > 100, $"only {count} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal([], StateSnapshot.Take(factory).ChangesSince(before));
    }

    [Fact]
    public async Task LiaisonB_NamingUnitA_InFiltersAndHiddenFields_GetsOnlyUnitB()
    {
        var a = await UnitAData.CreateAsync(factory);
        var b = await factory.SignInAsync("demo.liaison2");
        var taskTitle = factory.Db(db => db.Set<Portal.Pages.Supervision.SupervisionTask>().Single(t => t.Id == a.Task).Title);
        var submissionTitle = factory.Db(db => db.Set<Portal.Pages.Submissions.Submission>().Single(s => s.Id == a.Submission).Title);

        // Filters naming unit A widen nothing.
        foreach (var url in new[] { $"/Submissions?unit={a.UnitA}", $"/Submissions?unit={a.UnitA}&q=城关区受保护", $"/Supervision?unitId={a.UnitA}", "/Supervision/Mine", "/Supervision/Reminders", "/" })
        {
            var html = await b.GetStringAsync(url);
            Assert.DoesNotContain(submissionTitle, html);
            Assert.DoesNotContain(taskTitle, html);
        }
        var export = await b.GetByteArrayAsync($"/Supervision?handler=Export&unitId={a.UnitA}");
        Assert.DoesNotContain(Portal.Excel.ExcelReader.ReadRows(new MemoryStream(export)).SelectMany(r => r.Cells.Values), c => c.Text == taskTitle);

        // A unit id slipped into the forms is not bound: what B submits and reports is B's.
        var created = await b.PostFormAsync("/Submissions/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = "滨江区的信息" + a.Submission, ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = UnitAData.Today.ToString("yyyy-MM-dd"),
            ["Input.UnitId"] = a.UnitA.ToString(), ["UnitId"] = a.UnitA.ToString(), ["Unit"] = a.UnitA.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(a.UnitB, factory.Db(db => db.Set<Portal.Pages.Submissions.Submission>().Single(s => s.Title == "滨江区的信息" + a.Submission).UnitId));
        var bTask = factory.Db(db =>
        {
            var t = Portal.Pages.Supervision.SupervisionTask.Register("滨〔" + a.Task + "〕号", Portal.Pages.Supervision.TaskSource.LeaderInstruction, null, "滨江区的事项",
                "要求", a.UnitB, [], UnitAData.Today.AddDays(-3), UnitAData.Today.AddDays(20), Portal.Pages.Supervision.TaskPriority.Normal, "test", DateTime.UtcNow);
            t.Assign(UnitAData.Today.AddDays(-3), "test", DateTime.UtcNow);
            db.Add(t);
            db.SaveChanges();
            return t.Id;
        });
        var reported = await b.PostFormAsync($"/Supervision/Task/{bTask}", new Dictionary<string, string>
        {
            ["Report.ReportedOn"] = UnitAData.Today.ToString("yyyy-MM-dd"), ["Report.Text"] = "滨江区的进展", ["Report.UnitId"] = a.UnitA.ToString(), ["UnitId"] = a.UnitA.ToString(),
        }, formSelector: "#report-form");
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Equal(a.UnitB, factory.Db(db => db.Set<Portal.Pages.Supervision.ProgressReport>().Single(r => r.TaskId == bTask).UnitId));
    }

    private static string Handler(string address) =>
        System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + address).Query)["handler"] ?? "";

    private static string PathOf(string address) => address.Split('?')[0];

    private static EndpointHandler? Match(IReadOnlyList<EndpointHandler> handlers, Row row)
    {
        var handler = Handler(row.Address);
        var path = EndpointCatalog.Canonical(PathOf(row.Address));
        return handlers.SingleOrDefault(h => h.Method == row.Method && string.Equals(h.Handler, handler, StringComparison.OrdinalIgnoreCase)
                                             && h.Routes.Contains(path, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A client per role, with a valid antiforgery token of its own (the sign-in page has a form for everyone).</summary>
    private sealed record Caller(HttpClient Client, string Token);

    private async Task<Caller[]> ClientsAsync()
    {
        var callers = new Caller[Users.Length];
        for (var i = 0; i < Users.Length; i++)
        {
            var client = Users[i] is string user ? await factory.SignInAsync(user) : factory.CreatePlainClient();
            callers[i] = new Caller(client, await client.AntiforgeryTokenAsync("/Account/Login"));
        }
        return callers;
    }

    private static async Task<HttpResponseMessage> SendAsync(Caller caller, Row row, UnitAData a, Dictionary<string, string> form, bool withToken)
    {
        var url = a.Fill(row.Address);
        if (row.Method == "GET") return await caller.Client.GetAsync(url);
        var fields = new Dictionary<string, string>(form);
        if (withToken) fields["__RequestVerificationToken"] = caller.Token;
        return await caller.Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static void Check(List<string> failures, Row row, int role, HttpResponseMessage response, Outcome expected)
    {
        var actual = OutcomeOf(response);
        if (actual != expected)
            failures.Add($"{row.Method} {row.Address} as {RoleNames[role]}: {(int)response.StatusCode} {response.Headers.Location} ({actual?.ToString() ?? "?"}), expected {expected}");
    }

    public static Outcome? OutcomeOf(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        if (status is 301 or 302 or 303 or 307 or 308)
            return location.Contains("/Account/Login?ReturnUrl=", StringComparison.OrdinalIgnoreCase) ? Login
                : location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) ? Deny : Ok;
        return status switch
        {
            >= 200 and < 300 => Ok,
            403 => Deny,
            404 => Hide,
            _ => null,
        };
    }
}
