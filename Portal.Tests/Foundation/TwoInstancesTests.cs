using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

/// <summary>
/// Two portal processes on different ports against one PostgreSQL database, each with a data directory of its own (so
/// nothing but the database is shared): a sign-in on one is valid on the other (Data Protection keys in the database),
/// and what one writes the other shows — the document, its search entry and the upload's progress.
/// </summary>
[Trait("Provider", "PostgresDirect")] // opens PostgreSQL itself: runs in the first pass, not again in the PostgreSQL pass
public sealed class TwoInstancesTests : IDisposable
{
    private readonly PostgresTestDatabase? _database = PostgresTestDatabase.ServerConnectionString is null ? null : new PostgresTestDatabase();
    private readonly List<string> _directories = [];
    private readonly List<PortalProcess> _servers = [];

    [PostgresFact]
    public async Task TwoInstances_ShareSignIn_AndSeeEachOthersWrites()
    {
        var a = await StartAsync(seed: true);
        var b = await StartAsync(seed: false);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        // Cookies are kept per host, not per port: the one container sends instance A's cookie to instance B.
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(b + "/Library")).StatusCode);
        await SignInAsync(client, a);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(b + "/Library")).StatusCode);

        // Upload on B (its antiforgery token, issued by B, is read by B; the cookie came from A).
        var title = "关于两台服务器共享数据库测试工作的通知";
        var progressId = Guid.NewGuid().ToString("N");
        var token = await client.AntiforgeryTokenAsync(b + "/Library/Upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(progressId), "Input.ProgressId" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(title + "\n各单位：\n请做好双机共享数据库测试工作。\n特此通知。\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "Input.Files", "双机测试.txt");
        var upload = await client.PostAsync(b + "/Library/Upload", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var link = (await upload.ReadDocumentAsync()).QuerySelector("#results a[href^='/Library/Details/']")?.GetAttribute("href");
        Assert.NotNull(link);

        // A shows the document, finds it, and answers the progress poll of B's upload.
        var details = await client.GetAsync(a + link);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Contains(title, await details.Content.ReadAsStringAsync());
        var search = await client.GetStringAsync(a + "/Search?q=" + Uri.EscapeDataString("双机共享数据库"));
        Assert.Contains(link, search);
        JsonElement progress = default;
        for (var i = 0; i < 40; i++)
        {
            progress = JsonDocument.Parse(await client.GetStringAsync($"{a}/Library/Upload?handler=Progress&id={progressId}")).RootElement;
            if (progress.GetProperty("found").GetBoolean() && progress.GetProperty("done").GetBoolean()) break;
            await Task.Delay(250);
        }
        Assert.True(progress.GetProperty("done").GetBoolean(), progress.ToString());
    }

    /// <summary>
    /// Each instance keeps its own index in a local directory and follows the change rows in the shared database: a
    /// document saved on one is found by search on the other within 2 seconds, and both rank a query identically.
    /// </summary>
    [PostgresFact]
    public async Task DocumentSavedOnOneInstance_IsFoundOnTheOther_WithinTwoSeconds_AndBothRankAlike()
    {
        var a = await StartAsync(seed: true);
        var b = await StartAsync(seed: false);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        await SignInAsync(client, a);

        // B built its index from the database at start (A seeded it): wait until both hold the same documents.
        async Task<JsonElement> SearchAsync(string instance, string q) =>
            JsonDocument.Parse(await client.GetStringAsync($"{instance}/api/search?facets=false&size=20&q={Uri.EscapeDataString(q)}")).RootElement;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await SearchAsync(a, "通知")).GetProperty("total").GetInt32() != (await SearchAsync(b, "通知")).GetProperty("total").GetInt32())
        {
            Assert.True(DateTime.UtcNow < deadline, "instance B never caught up with A's index");
            await Task.Delay(250);
        }

        var title = "关于开展跨实例检索同步验证工作的通知";
        var token = await client.AntiforgeryTokenAsync(a + "/Library/Upload");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(title + "\n各单位：\n请配合完成跨实例检索同步验证。\n特此通知。\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "Input.Files", "同步验证.txt");
        var upload = await client.PostAsync(a + "/Library/Upload", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var link = (await upload.ReadDocumentAsync()).QuerySelector("#results a[href^='/Library/Details/']")?.GetAttribute("href");
        Assert.NotNull(link);

        // From the moment A has committed (its answer is back), poll B.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!(await SearchAsync(b, "跨实例检索同步验证")).GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("url").GetString()!.StartsWith(link)))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "instance B never found the document saved on A");
            await Task.Delay(20);
        }
        var elapsed = watch.Elapsed;
        Console.WriteLine($"found on the other instance after {elapsed.TotalMilliseconds:0} ms");
        Assert.True(elapsed <= TimeSpan.FromSeconds(2), $"found on the other instance only after {elapsed.TotalMilliseconds:0} ms");

        // One engine, one ranking: the same query ranks the same hits in the same order with the same scores on both.
        foreach (var q in new[] { "通知", "督查督办", "工作 会议" })
        {
            string Ranking(JsonElement r) => string.Join("\n", r.GetProperty("hits").EnumerateArray()
                .Select(h => $"{h.GetProperty("url").GetString()} {h.GetProperty("score").GetDouble():0.000}"));
            var (onA, onB) = (await SearchAsync(a, q), await SearchAsync(b, q));
            Assert.Equal(onA.GetProperty("total").GetInt32(), onB.GetProperty("total").GetInt32());
            Assert.Equal(Ranking(onA), Ranking(onB));
        }
    }

    private static async Task SignInAsync(HttpClient client, string instance)
    {
        var signIn = await client.PostFormAsync(instance + "/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "demo.staff",
            ["Input.Password"] = global::Portal.Demo.DemoUnitsAndUsers.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    private async Task<string> StartAsync(bool seed)
    {
        var dir = Path.Combine(Path.GetTempPath(), "portal-two", Guid.NewGuid().ToString("N"));
        _directories.Add(dir);
        var settings = new Dictionary<string, string>
        {
            ["Portal__SeedDemoData"] = seed ? "true" : "false",
            ["Portal__DemoDocumentCount"] = "20",
            ["Portal__Admin__Password"] = "two-instances-2026",
        };
        PortalProcess.UsePostgres(settings, _database!.ConnectionString);
        var (server, url) = await PortalProcess.StartServerAsync(dir, settings, TimeSpan.FromMinutes(3));
        _servers.Add(server);
        return url;
    }

    public void Dispose()
    {
        foreach (var s in _servers) s.Dispose();
        _database?.Dispose();
        foreach (var d in _directories)
            try { Directory.Delete(d, true); } catch (IOException) { }
    }
}
