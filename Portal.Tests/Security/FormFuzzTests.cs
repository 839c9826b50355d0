using System.Net.Http.Headers;
using AngleSharp.Dom;
using Portal.Tests.Infrastructure;
using Portal.Tests.Library.Import;
using Form = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, string>>;

namespace Portal.Tests.Security;

/// <summary>
/// Every post of the portal, as a role that may use it, with forms no browser sends and files no program wrote: hostile
/// text, huge strings, numbers and dates that are not, repeated keys, lines repeated, missing or out of range, ids that do
/// not bind, and the damaged workbooks and documents of <see cref="MalformedPackages"/> for every file field. The posts
/// come from the authorisation matrix, which has a row for every handler of the endpoint catalogue; the fields from the
/// page's own forms, so a handler added later is fuzzed with its own fields. Every answer is 200, 302 or 400 with a
/// Chinese message, never a 500; hostile text is never echoed unencoded; a refused request (400, or the page again with its refusal) changes nothing.
/// </summary>
public sealed class FormFuzzTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private const string Script = "<script>alert('fuzz')</script>";
    /// <summary>Five times the longest text any field takes.</summary>
    private static readonly string Huge = string.Concat(Enumerable.Repeat("很长的文字", 4_000));

    private readonly Dictionary<string, (HttpClient Client, string Token)> _clients = new();
    private readonly List<string> _failures = new();
    private StateSnapshot? _before;
    private int _requests;
    private readonly CommitWatch _commits = new(factory);

    public void Dispose() => _commits.Dispose();

    [Fact]
    public async Task EveryPost_WithHostileForms_AnswersWithoutError_AndARefusalChangesNothing()
    {
        var a = await UnitAData.CreateAsync(factory);
        var plausible = AuthorizationMatrixTests.PlausibleForm(a);
        // Signing out last, so that the other posts are made signed in.
        foreach (var (address, user) in AuthorizationMatrixTests.AllowedPosts(a).OrderBy(p => p.Address.StartsWith("/Account/Logout") ? 1 : 0))
        {
            var (client, token) = await ClientAsync(user);
            var page = await PageFieldsAsync(client, address);
            var form = plausible.Where(kv => page.Fields.All(f => f.Key != kv.Key)).Concat(page.Fields).ToList();
            foreach (var (variant, fields) in Variants(form, page.Fields.Count > 0 ? page.Fields.Select(f => f.Key).ToHashSet() : form.Select(f => f.Key).ToHashSet()))
                await PostAsync($"{address} ({variant})", client, address, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
        }
        Assert.True(_requests > 400, $"only {_requests} requests");
        Assert.True(_failures.Count == 0, string.Join("\n", _failures));
    }

    [Fact]
    public async Task EveryFileField_WithDamagedFiles_AnswersWithoutError_AndARefusalChangesNothing()
    {
        var a = await UnitAData.CreateAsync(factory);
        var plausible = AuthorizationMatrixTests.PlausibleForm(a);
        var workbook = RawWorkbook.Build([HostileExcelTests.Submissions.HeaderRow, HostileExcelTests.Submissions.Row("fuzz", "模糊测试")], asOffice: true);
        var files = MalformedPackages.From(workbook, "xl/worksheets/sheet1.xml").Select(c => (Name: c.Case + ".xlsx", c.Bytes))
            .Concat(MalformedPackages.From(HostileFiles.WithStyles(ReaderTests.MakeDocx()), "word/document.xml").Select(c => (Name: c.Case + ".docx", c.Bytes)))
            .ToList();
        var withFiles = new List<string>();
        foreach (var (address, user) in AuthorizationMatrixTests.AllowedPosts(a))
        {
            var (client, token) = await ClientAsync(user);
            var page = await PageFieldsAsync(client, address);
            if (page.FileFields.Count == 0) continue;
            withFiles.Add(address.Split('?')[0]);
            var form = plausible.Where(kv => page.Fields.All(f => f.Key != kv.Key)).Concat(page.Fields).ToList();
            foreach (var field in page.FileFields)
                foreach (var (name, bytes) in files)
                {
                    var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
                    foreach (var (key, value) in form) content.Add(new StringContent(value), key);
                    var file = new ByteArrayContent(bytes);
                    file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    content.Add(file, field, name);
                    await PostAsync($"{address} {field}={name}", client, address, content);
                }
        }
        // At least the two Excel imports, the library upload, and the attachments of submissions and reports.
        foreach (var page in new[] { "/Submissions/Ledger", "/Supervision/Import", "/Library/Upload", "/Submissions/Create", $"/Supervision/Task/{a.Task}" })
            Assert.Contains(page, withFiles);
        Assert.True(_failures.Count == 0, string.Join("\n", _failures));
    }

    private async Task PostAsync(string what, HttpClient client, string address, HttpContent content)
    {
        // A full snapshot takes a while; it is taken again only when something was written since the last one.
        if (_commits.Changed() || _before is null) _before = StateSnapshot.Take(factory);
        var response = await client.PostAsync(address, content);
        _requests++;
        await RebuildFinishedAsync();
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status is not (200 or 302 or 400))
            _failures.Add($"{what}: {status}");
        else if (status != 302 && !ChineseText.IsChinese(body))
            _failures.Add($"{what}: {status} without a Chinese message");
        if (body.Contains(Script, StringComparison.OrdinalIgnoreCase))
            _failures.Add($"{what}: the script is in the page unencoded");
        // A refusal is a 400, or a page shown again with the status partial's refusal (a rule, a field error).
        if (status == 400 || (status == 200 && body.Contains("id=\"error\"", StringComparison.Ordinal)))
        {
            _commits.Changed();
            var after = StateSnapshot.Take(factory);
            if (after.ChangesSince(_before) is { Count: > 0 } changes) _failures.Add($"{what}: refused, yet changed {string.Join("; ", changes)}");
            _before = after;
        }
    }

    /// <summary>
    /// An accepted 重建索引 goes on in the background after its answer; the next request's snapshots wait for it, so that
    /// its writes are not taken for those of a refused request.
    /// </summary>
    private async Task RebuildFinishedAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (factory.Db(db => db.Set<Portal.Pages.Admin.MaintenanceJob>().Any(j => j.Holder != null)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    /// <summary>
    /// Whether anything was committed or stored since it last looked: SQLite's data_version, read on a connection of its
    /// own, and the files of the data directory. On PostgreSQL it always says yes.
    /// </summary>
    private sealed class CommitWatch(PortalFactory factory) : IDisposable
    {
        private System.Data.Common.DbConnection? _connection;
        private string _last = "";

        public bool Changed()
        {
            if (factory.Connection.IsPostgres) return true;
            _connection ??= factory.Connection.Open();
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "PRAGMA data_version";
            var now = cmd.ExecuteScalar() + "|" + string.Join("|", Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith("portal.db", StringComparison.Ordinal)).Order());
            var changed = now != _last;
            _last = now;
            return changed;
        }

        public void Dispose() => _connection?.Dispose();
    }

    private async Task<(HttpClient Client, string Token)> ClientAsync(string? user)
    {
        var key = user ?? "";
        if (_clients.TryGetValue(key, out var known)) return known;
        var client = user is null ? factory.CreatePlainClient() : await factory.SignInAsync(user);
        return _clients[key] = (client, await client.AntiforgeryTokenAsync("/Account/Login"));
    }

    private sealed record PageForm(Form Fields, List<string> FileFields);
    private readonly Dictionary<string, PageForm> _pages = new();

    /// <summary>The fields of the forms on the page a post belongs to (the address without its handler), as the page fills them.</summary>
    private async Task<PageForm> PageFieldsAsync(HttpClient client, string address)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + address).Query);
        query.Remove("handler");
        var url = address.Split('?')[0] + (query.Count > 0 ? "?" + query : "");
        if (_pages.TryGetValue(url, out var known)) return known;
        var fields = new Form();
        var files = new List<string>();
        var response = await client.GetAsync(url);
        if (response.IsSuccessStatusCode)
        {
            var doc = await response.ReadDocumentAsync();
            foreach (var input in doc.QuerySelectorAll("form[method=post] [name]"))
            {
                var name = input.GetAttribute("name")!;
                if (name == "__RequestVerificationToken" || fields.Any(f => f.Key == name)) continue;
                if (input.GetAttribute("type") == "file") { files.Add(name); continue; }
                fields.Add(new(name, ValueOf(input)));
            }
        }
        return _pages[url] = new PageForm(fields, files.Distinct().ToList());
    }

    private static string ValueOf(IElement input) => input.LocalName switch
    {
        "select" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? input.QuerySelector("option")?.GetAttribute("value") ?? "",
        "textarea" => input.TextContent,
        _ => input.GetAttribute("value") ?? (input.GetAttribute("type") == "checkbox" ? "true" : ""),
    };

    /// <summary>The form as the page sends it, then each way of breaking it.</summary>
    /// <param name="own">The fields of the page's own forms: the huge text goes only there, to keep the posts of a reasonable size.</param>
    private static IEnumerable<(string Variant, Form Fields)> Variants(Form form, IReadOnlySet<string> own)
    {
        Form Each(Func<KeyValuePair<string, string>, string> value) => form.Select(kv => KeyValuePair.Create(kv.Key, value(kv))).ToList();
        yield return ("as the page fills it", form);
        yield return ("empty", []);
        yield return ("script", Each(_ => Script));
        yield return ("huge", Each(kv => own.Contains(kv.Key) ? Huge : kv.Value));
        yield return ("control characters", Each(kv => kv.Value + "\u0000\u001b\u202e"));
        foreach (var number in new[] { "1e309", "-99999999999999999999", "NaN" })
            yield return ($"number {number}", Each(_ => number));
        foreach (var date in new[] { "2026-02-30", "0001-01-01" })
            yield return ($"date {date}", Each(_ => date));
        yield return ("every key twice", [.. form, .. Each(_ => Script)]);
        yield return ("ids that do not bind", Each(kv => kv.Key.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? "城关区" : kv.Value));
        yield return ("ids of nothing", Each(kv => kv.Key.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? "2147483647" : kv.Value));

        var lists = form.Select(kv => System.Text.RegularExpressions.Regex.Match(kv.Key, @"^(.+?)\[0\]")).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        foreach (var list in lists)
        {
            var first = form.Where(kv => kv.Key.StartsWith(list + "[0]", StringComparison.Ordinal)).ToList();
            var count = form.Where(kv => kv.Key.StartsWith(list + "[", StringComparison.Ordinal)).Select(kv => kv.Key[..kv.Key.IndexOf(']')]).Distinct().Count();
            Form Renamed(string index) => form.Select(kv => kv.Key.StartsWith(list + "[0]", StringComparison.Ordinal)
                ? KeyValuePair.Create(list + "[" + index + "]" + kv.Key[(list.Length + 3)..], kv.Value) : kv).ToList();
            yield return ($"{list}: the first line repeated", [.. form, .. first.Select(kv => KeyValuePair.Create(list + $"[{count}]" + kv.Key[(list.Length + 3)..], kv.Value))]);
            yield return ($"{list}: the first line missing", form.Except(first).ToList());
            yield return ($"{list}: a line out of range", Renamed("999999"));
            yield return ($"{list}: an index not a number", Renamed("x"));
            yield return ($"{list}: a negative index", Renamed("-1"));
        }
    }
}
