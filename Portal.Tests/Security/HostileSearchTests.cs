using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// What people (and scanners) type into the search box, through the page, the API and the suggestions: never a 500,
/// the page always renders its form with the query encoded, the API always answers JSON.
/// </summary>
public class HostileSearchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public const string Script = "<script>alert('xss')</script>";

    public static readonly string[] Queries =
    [
        "\"", "\"\"", "\"未闭合的引号", "未闭合\"", "'", "''", "\"关于\" \"", "\"*\"", "\":\"",
        "*", "**", "关于*", "*关于", "^", "^关于", "^*", ":", "title:", "title:关于", "body:^关于*", "关于:", ":关于",
        "NEAR", "NEAR(", "NEAR()", "NEAR(关于 通知", "NEAR(关于 通知, 5)", "NEAR(关于, -1)", "关于 NEAR 通知", "NEAR/3", "关于 NEAR/2 通知",
        "(", ")", "((((", "))))", "(关于", "关于)", "()", "(关于 OR 通知) AND", "AND", "OR", "NOT", "AND OR NOT", "关于 AND", "OR 关于", "NOT NOT NOT",
        "-", "--", "+", "+-+-", "-关于", "关于 -", "- - -", "|", "||", "&", "&&", "\\", "\\\"", "{", "}", "[", "]", "{关于}", "[关于]", "!",
        "type:", "unit:", "year:", "year:abc", "year:99999999999", "year:-1", "type:通知 unit:城关区 year:2026 关于",
        "' OR '1'='1", "1; DROP TABLE Documents; --", "\" OR 1=1 --", "关于'); DELETE FROM Documents; --", "%", "%%", "_", "%_%",
        Script, "\"><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "&lt;script&gt;", "&#60;script&#62;",
        "😀", "👨‍👩‍👧‍👦 通知", "🇨🇳", "關於通知", "\u0000", "关\u0000于", "\u0001\u0002\u0003\u001f", "\t\n\r", "\u007f",
        "\u200f关于\u200e", "\u202e知通\u202c", "\u2066关于\u2069", "\uFEFF", "\u200b\u200b\u200b", "\u3000\u3000", "ｔｉｔｌｅ：关于", "＊", "＂",
        new string('关', 10_000), string.Join(" ", Enumerable.Repeat("关于", 3_000)), string.Join(" OR ", Enumerable.Repeat("通知", 2_000)),
        new string('(', 5_000), new string('"', 5_000), string.Concat(Enumerable.Repeat("NEAR(", 2_000)), new string('a', 10_000),
    ];

    [Fact]
    public async Task EveryHostileQuery_IsAnswered_OnThePage_TheApi_AndTheSuggestions()
    {
        var client = await factory.SignInAsync("demo.liaison");
        var failures = new List<string>();
        foreach (var q in Queries)
        {
            var e = Uri.EscapeDataString(q);
            var shown = q.Length > 40 ? q[..40] + "…" : q;
            var page = await client.GetAsync("/Search?q=" + e);
            var html = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != HttpStatusCode.OK || !html.Contains("id=\"search-form\"") || html.Contains("<script>alert") || html.Contains("<img src=x"))
                failures.Add($"/Search {shown}: {(int)page.StatusCode}");

            foreach (var url in new[] { "/api/search?q=" + e, "/Search/Suggest?q=" + e })
            {
                var response = await client.GetAsync(url);
                var json = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json")
                    failures.Add($"{url[..url.IndexOf('?')]} {shown}: {(int)response.StatusCode}");
                else
                {
                    using var doc = JsonDocument.Parse(json);
                    // The snippet is HTML: whoever shows it must not meet a live tag from the text.
                    if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                        doc.RootElement.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("snippet").GetString()!.Contains("<script")))
                        failures.Add($"api snippet {shown}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task InvalidBytes_AndHostileFilters_AreAnsweredToo()
    {
        var client = await factory.SignInAsync("demo.staff");
        foreach (var url in new[]
                 {
                     "/Search?q=%FF%FE%ED%A0%80", "/Search?q=%", "/Search?q=%zz", "/Search?q=a&q=b", "/Search?q[]=x",
                     "/Search?q=关于&page=-1", "/Search?q=关于&page=99999999999999", "/Search?q=关于&page=abc", "/Search?q=关于&year=abc",
                     "/Search?q=关于&year=-2147483648", "/Search?q=关于&from=2026-13-45&to=0000-00-00", "/Search?q=关于&from=2026-12-31&to=2020-01-01",
                     "/Search?q=关于&sort=" + Uri.EscapeDataString(Script), "/Search?q=关于&type=" + Uri.EscapeDataString(Script),
                     "/Search?q=关于&unit=" + Uri.EscapeDataString("' OR 1=1 --"), "/Search?type=%00&unit=%00",
                     "/api/search?q=%FF%FE", "/api/search?q=关于&size=0", "/api/search?q=关于&size=100000", "/api/search?q=关于&page=-5",
                     "/api/search?q=关于&facets=" + Uri.EscapeDataString(Script), "/api/search?q=关于&unit=" + Uri.EscapeDataString(Script),
                     "/Search/Suggest?q=%FF", "/Search/Suggest?q=" + new string('关', 5000),
                 })
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            // JSON echoes the query as it was typed; it is never a page (its type says so, and browsers may not sniff).
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            else Assert.DoesNotContain("<script>alert", body);
        }
        // A parameter the API cannot read is a 400 with a Chinese reason, as JSON.
        foreach (var url in new[] { "/api/search?q=关于&year=abc", "/api/search?q=关于&page=abc", "/api/search?q=关于&from=2026-13-45" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("参数", doc.RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task AQueryMarkedInADocument_IsEncoded()
    {
        var client = await factory.SignInAsync("demo.staff");
        var id = factory.Db(db => db.Documents.Where(d => d.Visibility == Portal.Data.DocumentVisibility.Public).OrderBy(d => d.Id).Select(d => d.Id).First());
        foreach (var q in new[] { Script, "<b>关于</b>", "\"><img src=x onerror=alert(1)>", "&lt;", "关于" + Script })
        {
            var response = await client.GetAsync($"/Library/Details/{id}?q={Uri.EscapeDataString(q)}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>关于</b>", html);
        }
    }
}
