using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Pages.Evaluation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Evaluation;

/// <summary>
/// The pages that edit a round (scheme, recommendations, deductions, ties) per role. Each test makes its own round
/// (period 2019, so the demo rounds and their rank movement are untouched).
/// </summary>
public class EvaluationEditingPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // ---------- scheme ----------

    [Fact]
    public async Task Staff_EditsTheScheme_ResultsFollow_AndTheChangeIsAudited()
    {
        var id = await NewRoundAsync("方案修改测试");
        var client = await factory.SignInAsync("demo.staff");
        var url = $"/Evaluation/Scheme?id={id}";
        var page = await client.GetDocumentAsync(url);
        Assert.Equal("150", page.TextOf("#max-total"));
        var fields = Fields(page, "#scheme-form");
        Set(fields, page, "接待", "MaxPoints", "25");
        var dropped = page.QuerySelector("#units tbody tr")!.GetAttribute("data-unit")!;
        var index = UnitIndex(page, dropped);
        fields.Remove($"Input.Units[{index}].Participates");
        fields["Input.ExcellentMin"] = "130";

        var response = await client.PostFormAsync(url, fields, formSelector: "#scheme-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var round = factory.Db(db => db.Set<EvaluationRound>().Include(r => r.Components).Include(r => r.Participants).Single(r => r.Id == id));
        Assert.Equal(25m, round.Components.Single(c => c.Name == "接待").MaxPoints);
        Assert.Equal(165m, round.MaxTotal);
        Assert.Equal(130m, round.ExcellentMin);
        Assert.False(round.Participants.Single(p => p.UnitId == int.Parse(dropped)).Participates);

        var results = await client.GetDocumentAsync($"/Evaluation/Round?id={id}");
        Assert.Contains("已保存", results.TextOf("#message"));
        Assert.Contains("满分 165 分", results.Body!.TextContent);
        var eligible = round.Participants.Count;
        Assert.StartsWith($"{eligible - 1} / {eligible}", results.TextOf("#participation"));
        Assert.Equal(eligible - 1, results.QuerySelectorAll("#results tbody tr").Length);
        var audit = factory.Db(db => db.AuditEntries.Single(a => a.Action == "考评方案.修改" && a.EntityId == id.ToString()));
        Assert.Contains("接待 10分", audit.Before);
        Assert.Contains("接待 25分", audit.After);
        Assert.Equal("demo.staff", audit.UserName);
    }

    [Fact]
    public async Task Staff_AddsAndRemovesComponents()
    {
        var id = await NewRoundAsync("项目增删测试");
        var client = await factory.SignInAsync("demo.staff");
        var url = $"/Evaluation/Scheme?id={id}";
        var page = await client.GetDocumentAsync(url);
        var fields = Fields(page, "#scheme-form");
        var blank = page.QuerySelectorAll("#components tbody tr").Count(tr => tr.GetAttribute("data-component") == "0");
        Assert.Equal(2, blank);
        var newRow = page.QuerySelectorAll("#components tbody tr").Select((tr, i) => (tr, i)).First(x => x.tr.GetAttribute("data-component") == "0").i;
        fields[$"Input.Components[{newRow}].Group"] = "单项工作";
        fields[$"Input.Components[{newRow}].Name"] = "政务公开";
        fields[$"Input.Components[{newRow}].MaxPoints"] = "5";
        fields[$"Input.Components[{newRow}].Method"] = nameof(FillMethod.Entered);
        fields[$"Input.Components[{newRow}].Order"] = "7";
        fields[$"Input.Components[{RowOf(page, "办公自动化")}].Remove"] = "true";

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, fields, formSelector: "#scheme-form")).StatusCode);
        var names = factory.Db(db => db.Set<EvaluationComponent>().Where(c => c.RoundId == id).OrderBy(c => c.SortOrder).Select(c => c.Name).ToList());
        Assert.DoesNotContain("办公自动化", names);
        Assert.Equal("政务公开", names[6]);
        Assert.Equal(8, names.Count);
    }

    [Fact]
    public async Task Staff_InvalidScheme_ShowsEveryProblem_AndChangesNothing()
    {
        var id = await NewRoundAsync("方案校验测试");
        var before = Describe(id);
        var client = await factory.SignInAsync("demo.staff");
        var url = $"/Evaluation/Scheme?id={id}";
        var page = await client.GetDocumentAsync(url);
        var fields = Fields(page, "#scheme-form");
        Set(fields, page, "接待", "MaxPoints", "0");
        Set(fields, page, "值班", "Name", "督查");
        (fields["Input.ExcellentMin"], fields["Input.GoodMin"]) = ("100", "110");
        fields["Input.Quotas[0].Count"] = "-2";

        var response = await client.PostFormAsync(url, fields, formSelector: "#scheme-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await response.ReadDocumentAsync()).TextOf("#errors");
        Assert.Contains("“接待”的满分应大于 0", errors);
        Assert.Contains("考评项目名称“督查”重复", errors);
        Assert.Contains("依次降低", errors);
        Assert.Contains("先进集体名额", errors);
        Assert.Equal(before, Describe(id));
        Assert.False(factory.Db(db => db.AuditEntries.Any(a => a.Action == "考评方案.修改" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Staff_CannotRemoveAComponentWithEnteredScores()
    {
        var id = await NewRoundAsync("已录入项目测试");
        var component = factory.Db(db => db.Set<EvaluationComponent>().Single(c => c.RoundId == id && c.Name == "接待").Id);
        var unit = factory.Db(db => db.Set<EvaluationParticipant>().First(p => p.RoundId == id).UnitId);
        await factory.WithScopeAsync(sp => sp.GetRequiredService<EvaluationService>().EnterAsync(id, component,
            new[] { new ScoreLine { UnitId = unit, Value = "8" } }));
        var client = await factory.SignInAsync("demo.staff");
        var url = $"/Evaluation/Scheme?id={id}";
        var page = await client.GetDocumentAsync(url);
        Assert.Contains("1 条", page.QuerySelector($"#components tr[data-component='{component}']")!.TextContent);
        var fields = Fields(page, "#scheme-form");
        fields[$"Input.Components[{RowOf(page, "接待")}].Remove"] = "true";
        var response = await client.PostFormAsync(url, fields, formSelector: "#scheme-form");
        Assert.Contains("“接待”已有 1 条录入得分，不能删除", (await response.ReadDocumentAsync()).TextOf("#errors"));
        Assert.True(factory.Db(db => db.Set<EvaluationComponent>().Any(c => c.Id == component)));
    }

    [Fact]
    public async Task Leader_ReadsTheScheme_ButCannotSaveIt()
    {
        var id = await NewRoundAsync("领导查看方案测试");
        var before = Describe(id);
        var client = await factory.SignInAsync("demo.leader");
        var url = $"/Evaluation/Scheme?id={id}";
        var page = await client.GetDocumentAsync(url);
        Assert.NotEmpty(page.QuerySelectorAll("#components tbody tr"));
        Assert.Null(page.QuerySelector("#scheme-form button[type=submit]"));
        Assert.True(page.QuerySelector<IHtmlFieldSetElement>("#scheme-form fieldset")!.IsDisabled);

        var fields = Fields(page, "#scheme-form");
        fields["Input.ExcellentMin"] = "140";
        AssertRefused(await client.PostFormAsync(url, fields, formSelector: "#scheme-form"));
        Assert.Equal(before, Describe(id));
    }

    [Fact]
    public async Task Liaison_IsForbidden_OnEveryEditingPage()
    {
        var id = await NewRoundAsync("联络员禁止测试");
        var client = await factory.SignInAsync("demo.liaison");
        foreach (var page in new[] { "Scheme", "Recommendations", "Deductions", "Ties" })
        {
            AssertRefused(await client.GetAsync($"/Evaluation/{page}?id={id}"));
        }
        var token = await client.AntiforgeryTokenAsync("/");
        var post = await client.PostAsync($"/Evaluation/Deductions?id={id}&handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.UnitId"] = "1", ["Input.Points"] = "1", ["Input.Reason"] = "联络员尝试扣分", ["Input.OccurredOn"] = "2019-05-01",
        }));
        AssertRefused(post);
        Assert.False(factory.Db(db => db.Set<EvaluationDeduction>().Any(d => d.RoundId == id)));
    }

    [Fact]
    public async Task LockedRound_SchemeIsReadOnly_AndAnEditIsRefusedWithAMessage()
    {
        var id = await NewRoundAsync("锁定方案测试");
        var client = await factory.SignInAsync("demo.staff");
        var url = $"/Evaluation/Scheme?id={id}";
        var stale = await client.GetDocumentAsync(url);   // the form as it was before the round was locked
        var fields = Fields(stale, "#scheme-form");
        fields["Input.ExcellentMin"] = "140";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Evaluation/Round?id={id}", new Dictionary<string, string>(), formSelector: "#lock-form")).StatusCode);
        var before = Describe(id);

        var page = await client.GetDocumentAsync(url);
        Assert.Contains("已锁定", page.TextOf("#locked"));
        Assert.Null(page.QuerySelector("#scheme-form button[type=submit]"));
        var response = await client.PostFormAsync(url, fields, formSelector: "#scheme-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已锁定", (await response.ReadDocumentAsync()).TextOf("#errors"));
        Assert.Equal(before, Describe(id));

        // The other editing pages show no forms on a locked round either.
        foreach (var (p, form) in new[] { ("Deductions", "#deduct-form"), ("Recommendations", "#recommend-form"), ("Ties", ".decide-form") })
            Assert.Null((await client.GetDocumentAsync($"/Evaluation/{p}?id={id}&from=1")).QuerySelector(form));
    }

    // ---------- recommendations ----------

    [Fact]
    public async Task Staff_RecordsRecommendations_ValidatedByTheScheme_AndTheComponentIsComputedFromThem()
    {
        var id = await NewRoundAsync("推荐意见测试");
        var units = factory.Db(db => db.Set<EvaluationParticipant>().Where(p => p.RoundId == id).Select(p => p.UnitId).OrderBy(u => u).ToList());
        var (from, a, b) = (units[0], units[1], units[2]);
        var client = await factory.SignInAsync("demo.staff");
        var url = $"/Evaluation/Recommendations?id={id}&from={from}";
        var page = await client.GetDocumentAsync(url);
        Assert.Equal("5", page.TextOf("#limit"));
        Assert.Null(page.QuerySelector($"#recommend-form input[name=To][value='{from}']"));   // a unit is not offered itself

        var self = await Post(client, url, from, from, a);
        Assert.Contains("不能推荐自己", (await self.ReadDocumentAsync()).TextOf("#errors"));
        var tooMany = await Post(client, url, from, units.Skip(1).Take(6).ToArray());
        Assert.Contains("最多推荐 5 个单位", (await tooMany.ReadDocumentAsync()).TextOf("#errors"));
        Assert.False(factory.Db(db => db.Set<PeerRecommendation>().Any(r => r.RoundId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, url, from, a, b)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, $"/Evaluation/Recommendations?id={id}&from={b}", b, a)).StatusCode);
        var stored = factory.Db(db => db.Set<PeerRecommendation>().Where(r => r.RoundId == id).Select(r => new { r.FromUnitId, r.ToUnitId }).ToList());
        Assert.Equal(3, stored.Count);

        var sheet = await client.GetDocumentAsync($"/Evaluation/Recommendations?id={id}");
        Assert.Equal("2", sheet.QuerySelector($"#received tr[data-unit='{a}'] .votes")!.TextContent);
        Assert.Equal("30.00", sheet.QuerySelector($"#received tr[data-unit='{a}'] .points")!.TextContent);   // the most votes = full marks
        Assert.Equal("15.00", sheet.QuerySelector($"#received tr[data-unit='{b}'] .points")!.TextContent);   // 1 of 2 × 30
        Assert.Equal("2", sheet.QuerySelector($"#recommenders tr[data-unit='{from}'] .count")!.TextContent);
        Assert.True(factory.Db(db => db.AuditEntries.Any(a2 => a2.Action == "推荐意见.录入" && a2.EntityId == id.ToString() && a2.UserName == "demo.staff")));

        // Replacing a unit's recommendations: the old ones go.
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, url, from, b)).StatusCode);
        Assert.Equal(new[] { b }, factory.Db(db => db.Set<PeerRecommendation>().Where(r => r.RoundId == id && r.FromUnitId == from).Select(r => r.ToUnitId).ToList()));
    }

    [Fact]
    public async Task Leader_ReadsRecommendations_ButCannotRecordThem()
    {
        var id = await NewRoundAsync("领导推荐测试");
        var units = factory.Db(db => db.Set<EvaluationParticipant>().Where(p => p.RoundId == id).Select(p => p.UnitId).OrderBy(u => u).ToList());
        var client = await factory.SignInAsync("demo.leader");
        var page = await client.GetDocumentAsync($"/Evaluation/Recommendations?id={id}&from={units[0]}");
        Assert.NotEmpty(page.QuerySelectorAll("#recommenders tbody tr"));
        Assert.Null(page.QuerySelector("#recommend-form"));
        var token = await client.AntiforgeryTokenAsync("/");
        var post = await client.PostAsync($"/Evaluation/Recommendations?id={id}", new FormUrlEncodedContent(new[]
        {
            KeyValuePair.Create("__RequestVerificationToken", token), KeyValuePair.Create("From", units[0].ToString()), KeyValuePair.Create("To", units[1].ToString()),
        }));
        AssertRefused(post);
        Assert.False(factory.Db(db => db.Set<PeerRecommendation>().Any(r => r.RoundId == id)));
    }

    // ---------- deductions ----------

    [Fact]
    public async Task Staff_AddsListsAndRemovesDeductions_EachAudited()
    {
        var id = await NewRoundAsync("扣分测试");
        var unit = factory.Db(db => db.Set<EvaluationParticipant>().Where(p => p.RoundId == id).OrderBy(p => p.UnitId).First().UnitId);
        var client = await factory.SignInAsync("demo.staff");
        var url = $"/Evaluation/Deductions?id={id}";
        var totalBefore = await TotalOf(client, id, unit);
        Assert.True(totalBefore > 2.5m, $"total {totalBefore}");   // 文秘 starts at full marks (no errors entered)

        var added = await client.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Input.UnitId"] = unit.ToString(), ["Input.OccurredOn"] = "2019-03-15", ["Input.Points"] = "2.5", ["Input.Reason"] = "上行文多头主送",
        }, formSelector: "#deduct-form");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await client.GetDocumentAsync(url);
        var row = page.QuerySelector("#deductions tbody tr[data-deduction]")!;
        Assert.Contains("2019-03-15", row.TextContent);
        Assert.Contains("上行文多头主送", row.TextContent);
        Assert.Equal("−2.50", row.QuerySelector(".points")!.TextContent.Trim());
        Assert.Equal(totalBefore - 2.5m, await TotalOf(client, id, unit));

        var deductionId = row.GetAttribute("data-deduction")!;
        var removed = await client.PostFormAsync(url, new Dictionary<string, string> { ["deductionId"] = deductionId }, formSelector: ".remove-form");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("已删除扣分", (await client.GetDocumentAsync(url)).TextOf("#message"));
        Assert.False(factory.Db(db => db.Set<EvaluationDeduction>().Any(d => d.RoundId == id)));
        Assert.Equal(totalBefore, await TotalOf(client, id, unit));
        var audit = factory.Db(db => db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Action.StartsWith("考评扣分")).OrderBy(a => a.Id).ToList());
        Assert.Equal(new[] { "考评扣分.录入", "考评扣分.删除" }, audit.Select(a => a.Action));
        Assert.Contains("上行文多头主送", audit[1].Before);
        Assert.Contains("2019-03-15", audit[1].Before);
    }

    [Theory]
    [InlineData("2018-12-31", "2", "理由", "考评期间")]
    [InlineData("", "2", "理由", "日期")]
    [InlineData("2019-05-01", "abc", "理由", "扣分应填写数字")]
    [InlineData("2019-05-01", "0", "理由", "扣分应大于 0")]
    [InlineData("2019-05-01", "2", "", "请填写扣分理由")]
    public async Task Staff_BadDeduction_GetsAChineseMessage_AndNothingIsRecorded(string date, string points, string reason, string message)
    {
        var id = await NewRoundAsync("扣分校验测试" + Guid.NewGuid().ToString("N")[..6]);
        var unit = factory.Db(db => db.Set<EvaluationParticipant>().First(p => p.RoundId == id).UnitId);
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.PostFormAsync($"/Evaluation/Deductions?id={id}", new Dictionary<string, string>
        {
            ["Input.UnitId"] = unit.ToString(), ["Input.OccurredOn"] = date, ["Input.Points"] = points, ["Input.Reason"] = reason,
        }, formSelector: "#deduct-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.TextOf("#error"));
        Assert.Equal(points, page.QuerySelector<IHtmlInputElement>("input[name='Input.Points']")!.Value);   // what was typed stays
        Assert.False(factory.Db(db => db.Set<EvaluationDeduction>().Any(d => d.RoundId == id)));
    }

    [Fact]
    public async Task Leader_SeesDeductions_ButCannotRemoveThem()
    {
        var id = await NewRoundAsync("领导扣分测试");
        var unit = factory.Db(db => db.Set<EvaluationParticipant>().First(p => p.RoundId == id).UnitId);
        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DeductionService>().AddAsync(id, new DeductionForm { UnitId = unit, OccurredOn = new DateOnly(2019, 6, 1), Points = "1", Reason = "未按程序办事" });
            return 0;
        });
        var deduction = factory.Db(db => db.Set<EvaluationDeduction>().Single(d => d.RoundId == id).Id);
        var client = await factory.SignInAsync("demo.leader");
        var page = await client.GetDocumentAsync($"/Evaluation/Deductions?id={id}");
        Assert.Contains("未按程序办事", page.TextOf("#deductions"));
        Assert.Empty(page.QuerySelectorAll(".remove-form, #deduct-form"));
        var token = await client.AntiforgeryTokenAsync("/");
        var post = await client.PostAsync($"/Evaluation/Deductions?id={id}&handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["deductionId"] = deduction.ToString(),
        }));
        AssertRefused(post);
        Assert.True(factory.Db(db => db.Set<EvaluationDeduction>().Any(d => d.Id == deduction)));
    }

    // ---------- ties at a cut-off ----------

    [Fact]
    public async Task TieAtTheCutoff_IsFlagged_StaffDecide_AndGradesCandidatesAndWorkbookFollow()
    {
        var (id, a, b, component) = await TieRoundAsync("并列决定测试");
        var (nameA, nameB) = (UnitName(a), UnitName(b));
        var client = await factory.SignInAsync("demo.staff");

        var results = await client.GetDocumentAsync($"/Evaluation/Round?id={id}");
        Assert.Equal(2, results.QuerySelectorAll("#ties li").Length);
        Assert.Contains("并列，需人工确定", Row(results, a).QuerySelector(".grade")!.TextContent);
        Assert.Contains("2 处待定", results.TextOf("#nav-ties"));
        Assert.Contains("尚有 2 处名额临界并列未确定", results.TextOf("#lock-warning"));

        var ties = $"/Evaluation/Ties?id={id}";
        // Choosing both units for one place is refused, and nothing is stored.
        var wrong = await client.PostFormAsync(ties, Decide(Grades.ExcellentCutoff, "评审领导小组会议决定", a, b), formSelector: ".decide-form");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("应选择 1 个单位", (await wrong.ReadDocumentAsync()).TextOf("#error"));
        var noReason = await client.PostFormAsync(ties, Decide(Grades.ExcellentCutoff, "", b), formSelector: ".decide-form");
        Assert.Contains("确定理由", (await noReason.ReadDocumentAsync()).TextOf("#error"));
        Assert.False(factory.Db(db => db.Set<EvaluationTieDecision>().Any(d => d.RoundId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(ties, Decide(Grades.ExcellentCutoff, "单项工作得分较高，经评审领导小组会议研究确定", b), formSelector: ".decide-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(ties, Decide("collective:CountyOffice", "推荐意见较多，经评审领导小组会议研究确定", a), formSelector: ".decide-form")).StatusCode);
        Assert.Equal(2, factory.Db(db => db.Set<EvaluationTieDecision>().Count(d => d.RoundId == id)));
        Assert.True(factory.Db(db => db.AuditEntries.Any(e => e.Action == "并列名额.确定" && e.EntityId == id.ToString() && e.After!.Contains("单项工作得分较高"))));

        results = await client.GetDocumentAsync($"/Evaluation/Round?id={id}");
        Assert.StartsWith("优秀", Row(results, b).QuerySelector(".grade")!.TextContent);
        Assert.StartsWith("良好", Row(results, a).QuerySelector(".grade")!.TextContent);
        Assert.DoesNotContain("需人工确定", results.TextOf("#results"));
        Assert.Contains($"{nameA}（并列，已确定）", results.TextOf("#collective + p"));
        Assert.DoesNotContain(nameB, results.TextOf("#collective + p"));

        // The workbook carries the decision: grades, the candidate list, and the reason.
        var bytes = await (await client.GetAsync($"/Evaluation/Round?handler=Export&id={id}")).Content.ReadAsByteArrayAsync();
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var grades = SheetRows(doc, EvaluationWorkbook.ResultsSheet).Where(r => r.Count > 2).ToDictionary(r => r[1], r => r[^1]);
        Assert.Equal("优秀", grades[nameB]);
        Assert.Equal("良好", grades[nameA]);
        var awards = SheetRows(doc, EvaluationWorkbook.AwardsSheet);
        var collective = awards.Skip(3).TakeWhile(r => r.FirstOrDefault() != "名额临界并列").Where(r => r.FirstOrDefault()?.StartsWith("先进集体") == true).ToList();   // below the title rows
        Assert.Equal(new[] { nameA }, collective.Select(r => r[3]));
        Assert.Contains("经评审确定", collective[0][5]);
        Assert.Contains(awards, r => r.Any(c => c.Contains($"确定：{nameB}") && c.Contains("单项工作得分较高")));

        // A change of scores that ends the tie leaves the decision unapplied, shown as such.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<EvaluationService>().EnterAsync(id, component, new[] { new ScoreLine { UnitId = a, Value = "29" } }));
        var after = await client.GetDocumentAsync(ties);
        Assert.All(after.QuerySelectorAll(".tie .state"), s => Assert.Equal("已无并列", s.TextContent.Trim()));
        Assert.Contains("原决定（已不适用）", after.QuerySelector(".tie")!.TextContent);
        results = await client.GetDocumentAsync($"/Evaluation/Round?id={id}");
        Assert.Equal("优秀", Row(results, a).QuerySelector(".grade")!.TextContent.Trim());
    }

    [Fact]
    public async Task TieDecision_CanBeWithdrawn_AndLeadersOnlyReadIt()
    {
        var (id, a, b, _) = await TieRoundAsync("并列撤销测试");
        var staff = await factory.SignInAsync("demo.staff");
        var ties = $"/Evaluation/Ties?id={id}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(ties, Decide(Grades.ExcellentCutoff, "评审领导小组会议决定", a), formSelector: ".decide-form")).StatusCode);

        var leader = await factory.SignInAsync("demo.leader");
        var page = await leader.GetDocumentAsync(ties);
        Assert.Contains("评审领导小组会议决定", page.TextOf(".tie .decision"));
        Assert.Empty(page.QuerySelectorAll(".decide-form, .withdraw-form"));
        var token = await leader.AntiforgeryTokenAsync("/");
        var post = await leader.PostAsync($"{ties}&handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Key"] = Grades.ExcellentCutoff,
        }));
        AssertRefused(post);
        Assert.True(factory.Db(db => db.Set<EvaluationTieDecision>().Any(d => d.RoundId == id)));

        var withdrawn = await staff.PostFormAsync(ties, new Dictionary<string, string> { ["Key"] = Grades.ExcellentCutoff }, formSelector: ".withdraw-form");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.False(factory.Db(db => db.Set<EvaluationTieDecision>().Any(d => d.RoundId == id)));
        Assert.True(factory.Db(db => db.AuditEntries.Any(e => e.Action == "并列名额.撤销" && e.EntityId == id.ToString())));
        var results = await staff.GetDocumentAsync($"/Evaluation/Round?id={id}");
        Assert.Contains("需人工确定", Row(results, b).QuerySelector(".grade")!.TextContent);
    }

    // ---------- helpers ----------

    private Task<int> NewRoundAsync(string name) => factory.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<EvaluationService>().CreateAsync(new NewRoundInput(name, new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), null))).Id);

    /// <summary>
    /// A round of three county offices scored on one entered component (28, 28, 20), grades by quota (1 优秀 place)
    /// and one 先进集体 place: the first two tie at both cut-offs.
    /// </summary>
    private async Task<(int Id, int A, int B, int Component)> TieRoundAsync(string name)
    {
        var id = await NewRoundAsync(name);
        var counties = factory.Db(db => db.Units.Where(u => u.Kind == UnitKind.CountyOffice && u.IsActive).OrderBy(u => u.SortOrder).Select(u => u.Id).Take(3).ToList());
        var errors = await factory.WithScopeAsync(async sp =>
        {
            var schemes = sp.GetRequiredService<SchemeService>();
            var context = (await schemes.ContextAsync(id))!;
            var form = SchemeForm.From(context.Round, context.Units);
            form.Components.ForEach(c => c.Remove = c.Name != "自评材料");
            (form.GradeMethod, form.ExcellentMin, form.GoodMin, form.PassMin, form.ExcellentShare, form.GoodShare) = (GradeMethod.Quotas, "29", "25", "10", "34", "33");
            form.Quotas.ForEach(q => q.Count = q.Kind == UnitKind.CountyOffice ? "1" : "0");
            form.Units.ForEach(u => (u.Eligible, u.Participates) = (counties.Contains(u.UnitId), counties.Contains(u.UnitId)));
            return await schemes.SaveAsync(id, form);
        });
        Assert.Empty(errors);
        var component = factory.Db(db => db.Set<EvaluationComponent>().Single(c => c.RoundId == id).Id);
        var entered = await factory.WithScopeAsync(sp => sp.GetRequiredService<EvaluationService>().EnterAsync(id, component, new[]
        {
            new ScoreLine { UnitId = counties[0], Value = "28" }, new ScoreLine { UnitId = counties[1], Value = "28" }, new ScoreLine { UnitId = counties[2], Value = "20" },
        }));
        Assert.Empty(entered);
        return (id, counties[0], counties[1], component);
    }

    /// <summary>The decide form's fields (ticked units as Granted[0], Granted[1], … since a dictionary holds one value per name).</summary>
    private static Dictionary<string, string> Decide(string key, string reason, params int[] granted)
    {
        var fields = new Dictionary<string, string> { ["Key"] = key, ["Reason"] = reason };
        for (var i = 0; i < granted.Length; i++) fields[$"Granted[{i}]"] = granted[i].ToString();
        return fields;
    }

    /// <summary>Refused: 403, or the cookie scheme's redirect to the access-denied page.</summary>
    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("AccessDenied") == true,
            $"expected a refusal, got {(int)response.StatusCode}");

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, int from, params int[] to)
    {
        var token = await client.AntiforgeryTokenAsync(url);
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("From", from.ToString()) };
        values.AddRange(to.Select(t => KeyValuePair.Create("To", t.ToString())));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    private async Task<decimal> TotalOf(HttpClient client, int roundId, int unitId)
    {
        var page = await client.GetDocumentAsync($"/Evaluation/Round?id={roundId}");
        return decimal.Parse(Row(page, unitId).QuerySelector(".total")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IElement Row(IDocument page, int unitId) => page.QuerySelector($"#results tbody tr[data-unit='{unitId}']")!;

    private string UnitName(int id) => factory.Db(db => db.Units.Single(u => u.Id == id).Name);

    private string Describe(int roundId) => factory.Db(db =>
    {
        var round = db.Set<EvaluationRound>().Include(r => r.Components).Include(r => r.Participants).Include(r => r.Quotas).AsSplitQuery().Single(r => r.Id == roundId);
        return SchemeRules.Describe(round, db.Units.ToDictionary(u => u.Id, u => u.Name)) + $"|{round.ExcellentMin}|{round.RecommendationLimit}";
    });

    /// <summary>What a browser would post for the form: every named field, checkboxes only when ticked.</summary>
    private static Dictionary<string, string> Fields(IDocument page, string formSelector)
    {
        var fields = new Dictionary<string, string>();
        foreach (var e in page.QuerySelector(formSelector)!.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = e.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            switch (e)
            {
                case IHtmlInputElement { Type: "checkbox" } c: if (c.IsChecked) fields[name] = c.Value; break;
                case IHtmlInputElement i: fields[name] = i.Value; break;
                case IHtmlSelectElement s: fields[name] = s.Value ?? ""; break;
                case IHtmlTextAreaElement t: fields[name] = t.Value; break;
            }
        }
        return fields;
    }

    private static int RowOf(IDocument page, string component) =>
        page.QuerySelectorAll("#components tbody tr").Select((tr, i) => (tr, i))
            .Single(x => x.tr.QuerySelector<IHtmlInputElement>("input[name$='.Name']")!.Value == component).i;

    private static void Set(Dictionary<string, string> fields, IDocument page, string component, string field, string value) =>
        fields[$"Input.Components[{RowOf(page, component)}].{field}"] = value;

    private static int UnitIndex(IDocument page, string unitId) =>
        page.QuerySelectorAll("#units tbody tr").Select((tr, i) => (tr, i)).Single(x => x.tr.GetAttribute("data-unit") == unitId).i;

    private static List<List<string>> SheetRows(SpreadsheetDocument doc, string sheetName)
    {
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var ws = ((WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
        var strings = doc.WorkbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? new();
        string Text(Cell c) => c.DataType?.Value == CellValues.SharedString && c.CellValue is { } v ? strings[int.Parse(v.Text)] : c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
        // Blank cells a border or a merged range leaves at a row's end are not part of what it says.
        return ws.Descendants<Row>().Select(r =>
        {
            var cells = new List<string>();
            foreach (var c in r.Elements<Cell>())
            {
                var column = Portal.Excel.ExcelReader.ColumnIndex(c.CellReference!.Value!);
                while (cells.Count < column) cells.Add("");
                cells.Add(Text(c));
            }
            while (cells.Count > 0 && cells[^1] == "") cells.RemoveAt(cells.Count - 1);
            return cells;
        }).ToList();
    }
}
