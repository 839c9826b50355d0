using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Pages.Evaluation;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Evaluation;

/// <summary>The evaluation pages per role, on the demo rounds (last year's locked, this year's open).</summary>
public class EvaluationPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private (int Open, int Locked) Rounds() => factory.Db(db =>
    {
        var rounds = db.Set<EvaluationRound>().Where(r => r.Name.Contains("全市政府系统")).OrderBy(r => r.PeriodStart).ToList();
        return (rounds.Single(r => !r.IsLocked).Id, rounds.Single(r => r.IsLocked).Id);
    });

    private int EnteredComponent(int roundId, string name) =>
        factory.Db(db => db.Set<EvaluationComponent>().Single(c => c.RoundId == roundId && c.Name == name).Id);

    [Fact]
    public async Task Liaison_GetsForbidden_OnEvaluationAndDashboard()
    {
        var client = await factory.SignInAsync("demo.liaison");
        foreach (var url in new[] { "/Evaluation", $"/Evaluation/Round?id={Rounds().Open}", "/Dashboard", "/Dashboard/Unit?id=1" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("AccessDenied") == true,
                $"{url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Leader_ReadsResults_ButHasNoFormsAndCannotLockOrEnter()
    {
        var (open, _) = Rounds();
        var client = await factory.SignInAsync("demo.leader");
        var page = await client.GetDocumentAsync($"/Evaluation/Round?id={open}");
        Assert.NotEmpty(page.QuerySelectorAll("#results tbody tr"));
        Assert.Null(page.QuerySelector("#staff-actions"));
        Assert.Null(page.QuerySelector("#lock-form"));

        var component = EnteredComponent(open, "自评材料");
        var entry = await client.GetAsync($"/Evaluation/Enter?id={open}&componentId={component}");
        Assert.NotEqual(HttpStatusCode.OK, entry.StatusCode);
        // A hand-made post with a valid token from a page the leader can read is still refused.
        var token = await client.AntiforgeryTokenAsync("/");
        var post = await client.PostAsync($"/Evaluation/Manage?handler=Lock&id={open}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(post.StatusCode == HttpStatusCode.Forbidden || post.Headers.Location?.ToString().Contains("AccessDenied") == true);
        Assert.False(factory.Db(db => db.Set<EvaluationRound>().Single(r => r.Id == open).IsLocked));
    }

    [Fact]
    public async Task Staff_EntersScores_AndTheResultsShowThem()
    {
        var (open, _) = Rounds();
        var component = EnteredComponent(open, "接待");
        var client = await factory.SignInAsync("demo.staff");
        var form = await client.GetDocumentAsync($"/Evaluation/Enter?id={open}&componentId={component}");
        var unitId = form.QuerySelector("input[name='Lines[0].UnitId']")!.GetAttribute("value")!;
        var response = await client.PostFormAsync($"/Evaluation/Enter?id={open}&componentId={component}", new Dictionary<string, string>
        {
            ["Lines[0].UnitId"] = unitId, ["Lines[0].Value"] = "9.5", ["Lines[0].Comment"] = "接待任务完成出色",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = factory.Db(db => db.Set<EvaluationScore>().Single(s => s.ComponentId == component && s.UnitId == int.Parse(unitId)));
        Assert.Equal(9.5m, stored.Value);
        Assert.Equal("demo.staff", stored.EnteredBy);
    }

    [Theory]
    [InlineData("11", "0 至 10")]
    [InlineData("-1", "0 至 10")]
    [InlineData("abc", "不是有效的数字")]
    public async Task Staff_BadScore_GetsAChineseMessage_Never500(string value, string message)
    {
        var (open, _) = Rounds();
        var component = EnteredComponent(open, "接待");
        var client = await factory.SignInAsync("demo.staff");
        var form = await client.GetDocumentAsync($"/Evaluation/Enter?id={open}&componentId={component}");
        var unitId = form.QuerySelector("input[name='Lines[0].UnitId']")!.GetAttribute("value")!;
        var response = await client.PostFormAsync($"/Evaluation/Enter?id={open}&componentId={component}", new Dictionary<string, string>
        {
            ["Lines[0].UnitId"] = unitId, ["Lines[0].Value"] = value,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(message, page.TextOf("#errors"));
    }

    /// <summary>
    /// Forms no browser sends: a unit twice (with an error line it was a 500, without one the second line was saved
    /// silently), a gap in the lines (the lines after it were dropped), an id that does not bind. Refused whole.
    /// </summary>
    [Theory]
    [InlineData("twice with an error")]
    [InlineData("twice")]
    [InlineData("gap")]
    [InlineData("unbound id")]
    [InlineData("index not a number")]
    public async Task Staff_EntryFormNoBrowserSends_Is400WithAMessage_AndSavesNothing(string how)
    {
        var (open, _) = Rounds();
        var component = EnteredComponent(open, "接待");
        var url = $"/Evaluation/Enter?id={open}&componentId={component}";
        var client = await factory.SignInAsync("demo.staff");
        var form = await client.GetDocumentAsync(url);
        var units = form.QuerySelectorAll("input[name$='.UnitId']").Select(i => i.GetAttribute("value")!).ToList();
        var fields = how switch
        {
            "twice with an error" => new Dictionary<string, string>
                { ["Lines[0].UnitId"] = units[0], ["Lines[0].Value"] = "7", ["Lines[1].UnitId"] = units[0], ["Lines[1].Value"] = "abc" },
            "twice" => new() { ["Lines[0].UnitId"] = units[0], ["Lines[0].Value"] = "7", ["Lines[1].UnitId"] = units[0], ["Lines[1].Value"] = "8" },
            "gap" => new() { ["Lines[0].UnitId"] = units[0], ["Lines[0].Value"] = "7", ["Lines[2].UnitId"] = units[1], ["Lines[2].Value"] = "8" },
            "unbound id" => new() { ["Lines[0].UnitId"] = "城关区", ["Lines[0].Value"] = "7", ["Lines[1].UnitId"] = units[1], ["Lines[1].Value"] = "8" },
            _ => new() { ["Lines[0].UnitId"] = units[0], ["Lines[0].Value"] = "7", ["Lines[x].UnitId"] = units[1], ["Lines[x].Value"] = "8" },
        };
        string Scores() => factory.Db(db => string.Join(";", db.Set<EvaluationScore>().Where(s => s.ComponentId == component)
            .OrderBy(s => s.UnitId).Select(s => s.UnitId + "=" + s.Value).ToList()));
        var before = Scores();
        var response = await client.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请刷新页面后重新填写", (await response.ReadDocumentAsync()).TextOf("#error-message"));
        Assert.Equal(before, Scores());
    }

    [Fact]
    public async Task Staff_LocksAndUnlocks_UnlockNeedsAReason_WhichIsAudited()
    {
        var client = await factory.SignInAsync("demo.staff");
        var created = await client.PostFormAsync("/Evaluation", new Dictionary<string, string>
        {
            ["Name"] = "锁定测试轮次", ["Start"] = "2020-01-01", ["End"] = "2020-12-31", ["BasisDoc"] = "",
        }, formSelector: "#create-round");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = factory.Db(db => db.Set<EvaluationRound>().Single(r => r.Name == "锁定测试轮次").Id);
        var roundUrl = $"/Evaluation/Round?id={id}";

        var locked = await client.PostFormAsync(roundUrl, new Dictionary<string, string>(), formSelector: "#lock-form");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.True(factory.Db(db => db.Set<EvaluationRound>().Single(r => r.Id == id).IsLocked));

        // Entry on a locked round is refused with the Chinese message.
        var component = EnteredComponent(id, "接待");
        var entry = await client.GetDocumentAsync($"/Evaluation/Enter?id={id}&componentId={component}");
        Assert.Contains("已锁定", entry.TextOf("#locked"));

        var noReason = await client.PostFormAsync(roundUrl, new Dictionary<string, string> { ["reason"] = "" }, formSelector: "#unlock-form");
        var page = await client.GetDocumentAsync(noReason.Headers.Location!.ToString());
        Assert.Contains("解锁须填写理由", page.TextOf("#error"));
        Assert.True(factory.Db(db => db.Set<EvaluationRound>().Single(r => r.Id == id).IsLocked));

        await client.PostFormAsync(roundUrl, new Dictionary<string, string> { ["reason"] = "复核发现值班得分录入错误" }, formSelector: "#unlock-form");
        Assert.False(factory.Db(db => db.Set<EvaluationRound>().Single(r => r.Id == id).IsLocked));
        Assert.True(factory.Db(db => db.AuditEntries.Any(a => a.Action == "评比轮次.解锁" && a.After!.Contains("复核发现值班得分录入错误") && a.UserName == "demo.staff")));
    }

    [Fact]
    public async Task LockedDemoRound_ShowsPublishedResults_WithRanksAndParticipation()
    {
        var (_, locked) = Rounds();
        var client = await factory.SignInAsync("demo.leader");
        var page = await client.GetDocumentAsync($"/Evaluation/Round?id={locked}");
        Assert.Contains("已锁定", page.TextOf("#round-state"));
        Assert.Matches(@"\d+ / \d+（\d+\.\d%）", page.TextOf("#participation"));
        var ranks = page.QuerySelectorAll("#results tbody td.rank").Select(td => td.TextContent.Trim()).ToList();
        Assert.StartsWith("1", ranks[0].Replace("并列", ""));
        var header = page.QuerySelectorAll("#results thead tr").ToList();
        Assert.Equal(2, header.Count);
        Assert.Contains("单项工作", header[0].TextContent);
    }

    [Fact]
    public async Task Export_IsAWorkbook_ForLeadersToo()
    {
        var (open, _) = Rounds();
        var client = await factory.SignInAsync("demo.leader");
        var response = await client.GetAsync($"/Evaluation/Round?handler=Export&id={open}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EvaluationWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
    }
}
