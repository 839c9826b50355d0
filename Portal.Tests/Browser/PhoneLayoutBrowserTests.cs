using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Portal.Tests.Browser;

/// <summary>
/// Phones (issue 20): every main page of each role — the menu, the home page's links, the pages those lead to and one
/// details page of each kind — is no wider than a 390 px screen, and is saved as a full-page screenshot at 390 px and
/// at 1440 px (<see cref="Screenshots"/>; .ci/run prints where).
/// </summary>
/// <remarks>The layout does not depend on the database engine: the SQLite pass runs these (five minutes on 2 cores) and the PostgreSQL pass leaves them out.</remarks>
[Collection(BrowserCollection.Name), Trait("Provider", "SqliteOnly")]
public class PhoneLayoutBrowserTests(PortalServerFixture portal, ITestOutputHelper output)
{
    private const int Phone = 390, Desktop = 1440;

    [BrowserFact]
    public Task Pages_FitA390pxScreen_ForTheAdministrator() => CheckRoleAsync("admin", "demo.admin");

    [BrowserFact]
    public Task Pages_FitA390pxScreen_ForTheOfficeStaff() => CheckRoleAsync("staff", "demo.staff");

    [BrowserFact]
    public Task Pages_FitA390pxScreen_ForTheLeader() => CheckRoleAsync("leader", "demo.leader");

    [BrowserFact]
    public Task Pages_FitA390pxScreen_ForTheLiaison() => CheckRoleAsync("liaison", "demo.liaison");

    [BrowserFact]
    public Task LedgerRows_BecomeCards_WithTheirWarningColour_At390px() => portal.RunAsync(nameof(LedgerRows_BecomeCards_WithTheirWarningColour_At390px), async page =>
    {
        await page.SetViewportSizeAsync(Phone, 844);
        await portal.SignInAsync(page, "demo.staff");
        await page.GotoAsync(portal.BaseUrl + "/Supervision/Reminders");
        var row = page.Locator(".supervision-table tbody tr.warn-red").First;
        await Assertions.Expect(row).ToBeVisibleAsync();

        // The title heads the card although it is the table's second column; the header row and the hidden columns are gone.
        var card = await row.EvaluateAsync<CardFacts>("""
            tr => {
                const cells = [...tr.cells].filter(td => getComputedStyle(td).display !== 'none');
                const first = cells.reduce((a, b) => b.getBoundingClientRect().top < a.getBoundingClientRect().top ? b : a);
                const deadline = [...tr.cells].find(td => td.dataset.label === '办理期限');
                return {
                    display: getComputedStyle(tr).display,
                    firstCard: first.dataset.card || '',
                    headerShown: [...tr.closest('table').tHead.rows[0].cells].some(th => getComputedStyle(th).display !== 'none'),
                    hidden: [...tr.cells].filter(td => td.dataset.card === 'hide').map(td => getComputedStyle(td).display),
                    deadlineLabel: getComputedStyle(deadline, '::before').content,
                    edge: getComputedStyle(tr).borderLeftColor,
                    badgeVisible: !!tr.querySelector('.warning-cell .badge.text-bg-danger')?.offsetWidth,
                    width: tr.getBoundingClientRect().width,
                };
            }
            """);
        Assert.Equal("flex", card.Display);
        Assert.Equal("title", card.FirstCard);
        Assert.False(card.HeaderShown);
        Assert.NotEmpty(card.Hidden);
        Assert.All(card.Hidden, d => Assert.Equal("none", d));
        Assert.Equal("\"办理期限：\"", card.DeadlineLabel);
        Assert.Equal("rgb(220, 53, 69)", card.Edge);
        Assert.True(card.BadgeVisible, "预警 badge not visible on the card");
        Assert.True(card.Width <= Phone, $"card {card.Width} px wide");

        // On a desktop the same rows are a table again.
        await page.SetViewportSizeAsync(Desktop, 900);
        Assert.Equal("table-row", await row.EvaluateAsync<string>("tr => getComputedStyle(tr).display"));

        // The ledger at 390 px: its height, for the record (issue 20 measured 33,000 px before cards and paging).
        await page.SetViewportSizeAsync(Phone, 844);
        await page.GotoAsync(portal.BaseUrl + "/Supervision");
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        output.WriteLine($"/Supervision at {Phone} px: {height} px tall");

        // The overflow check itself finds an element that sticks out, and names it.
        Assert.Null(await page.EvaluateAsync<string?>(WidestElements));
        await page.EvaluateAsync("() => { const d = document.createElement('div'); d.id = 'too-wide'; d.style.width = '600px'; d.textContent = '宽'; document.querySelector('main').append(d); }");
        var widest = await page.EvaluateAsync<string?>(WidestElements);
        Assert.NotNull(widest);
        Assert.Contains("div#too-wide", widest);
    });

    [BrowserFact]
    public async Task LedgerRows_StillStackAndFit_WithoutScript()
    {
        // Sign in with script (the page is the same without it), then read the ledger in a context with script off.
        var page = await portal.NewPageAsync();
        try
        {
            await portal.SignInAsync(page, "demo.staff");
            var context = await portal.Browser.NewContextAsync(new()
            {
                JavaScriptEnabled = false, ViewportSize = new() { Width = Phone, Height = 844 }, StorageState = await page.Context.StorageStateAsync(),
            });
            var bare = await context.NewPageAsync();
            await bare.GotoAsync(portal.BaseUrl + "/Supervision/Reminders");
            var row = bare.Locator(".supervision-table tbody tr").First;
            Assert.Equal("flex", await row.EvaluateAsync<string>("tr => getComputedStyle(tr).display"));
            Assert.Null(await bare.EvaluateAsync<string?>(WidestElements));
            await context.CloseAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public sealed class CardFacts
    {
        public string Display { get; set; } = "";
        public string FirstCard { get; set; } = "";
        public bool HeaderShown { get; set; }
        public string[] Hidden { get; set; } = [];
        public string DeadlineLabel { get; set; } = "";
        public string Edge { get; set; } = "";
        public bool BadgeVisible { get; set; }
        public double Width { get; set; }
    }

    /// <summary>Where the screenshots go: $PORTAL_SCREENSHOTS, else TestResults/screenshots beside the test binaries (not tracked by git).</summary>
    public static string Screenshots =>
        Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    private Task CheckRoleAsync(string role, string user) => portal.RunAsync("phone-" + role, async page =>
    {
        Directory.CreateDirectory(Screenshots);
        var failures = new List<string>();
        await page.SetViewportSizeAsync(Phone, 844);
        if (role == "admin") await CheckPageAsync(page, role, "/Account/Login", "", failures);
        await portal.SignInAsync(page, user);

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(string Url, int Depth, string From)>();
        // The home page, the search page with results (its menu link opens it empty), and with a homophone typo (您是不是要找;
        // the same page, so it is not followed further).
        foreach (var (start, depth) in new[] { ("/", 0), ("/Search?q=工作", 1), ("/Search?q=督查督半", 3) })
        {
            queue.Enqueue((start, depth, "sign-in"));
            seen.Add(PageKey(start)!);
        }
        while (queue.Count > 0)
        {
            var (url, depth, from) = queue.Dequeue();
            var links = await CheckPageAsync(page, role, url, from, failures);
            if (depth >= 3) continue;
            foreach (var link in links)
            {
                var key = PageKey(link);
                if (key is not null && seen.Add(key)) queue.Enqueue((link, depth + 1, url));
            }
        }

        // The menu opened on a phone unfolds under the brand, no wider than the screen either.
        await page.SetViewportSizeAsync(Phone, 844);
        await page.GotoAsync(portal.BaseUrl + "/");
        await page.ClickAsync(".navbar-toggler");
        await page.WaitForSelectorAsync("#mainNav.show");
        if (await page.EvaluateAsync<string?>(WidestElements) is { } menu) failures.Add("the opened menu: " + menu);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{role}-menu-{Phone}.png"), FullPage = true });

        output.WriteLine($"{role}: {seen.Count} pages checked at {Phone} px; screenshots in {Screenshots}");
        Assert.True(failures.Count == 0, $"Wider than {Phone} px ({role}):\n" + string.Join("\n", failures));
    });

    /// <summary>
    /// One page per path (filters and sort orders of a list are the same page); a path ending in an id stands for its kind,
    /// so one task, one submission, one document… Downloads, exports and signing out are not pages.
    /// </summary>
    private static string? PageKey(string url)
    {
        if (url.Contains("handler=", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)) return null;
        var path = url.Split('?', '#')[0];
        if (Regex.IsMatch(path, @"\.\w{2,4}$")) return null;
        return Regex.Replace(path, @"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})$", "/{id}", RegexOptions.IgnoreCase);
    }

    private async Task<string[]> CheckPageAsync(IPage page, string role, string url, string from, List<string> failures)
    {
        await page.SetViewportSizeAsync(Phone, 844);
        var response = await page.GotoAsync(portal.BaseUrl + url, new() { WaitUntil = WaitUntilState.Load });
        if (response is { Ok: false })
        {
            failures.Add($"{url} (linked from {from}): HTTP {response.Status}");
            return [];
        }
        await page.WaitForTimeoutAsync(150); // charts draw after load
        var widest = await page.EvaluateAsync<string?>(WidestElements);
        if (widest is not null) failures.Add($"{url}: {widest}");

        var name = $"{role}-{FileName(url)}";
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}-{Phone}.png"), FullPage = true });
        // Loaded again at the desktop width: charts choose their layout for the screen they are drawn on.
        await page.SetViewportSizeAsync(Desktop, 900);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(150);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}-{Desktop}.png"), FullPage = true });

        return await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#main-menu a[href], main a[href], header a[href]')]
                .map(a => a.getAttribute('href'))
                .filter(h => h.startsWith('/') && !h.startsWith('//'))
            """);
    }

    private static string FileName(string url)
    {
        var name = Regex.Replace(url.Trim('/'), @"[^\w]+", "-").Trim('-');
        return name.Length == 0 ? "home" : name.Length > 80 ? name[..80] : name;
    }

    /// <summary>
    /// Null when the page fits the screen; otherwise the page's width and the elements that stick out: the outermost ones
    /// (whose parent fits) and the innermost ones (nothing inside them sticks out), widest first. Elements inside a
    /// scrolling or clipping box (.table-responsive) do not widen the page and are left out.
    /// </summary>
    private const string WidestElements = """
        () => {
            const w = window.innerWidth, sw = document.documentElement.scrollWidth;
            if (sw <= w) return null;
            const clipped = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
            const out = el => el.getBoundingClientRect().right > w + 0.5;
            const all = [...document.body.querySelectorAll('*')].filter(el => out(el) && el.getBoundingClientRect().width > 0 && !clipped(el));
            const describe = el => {
                const r = el.getBoundingClientRect();
                const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
                return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} [${Math.round(r.left)}–${Math.round(r.right)} px] "${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
            };
            const byRight = (a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right;
            const outer = all.filter(el => !out(el.parentElement) || el.parentElement === document.body).sort(byRight).slice(0, 3);
            const inner = all.filter(el => ![...el.children].some(c => all.includes(c))).sort(byRight).slice(0, 3);
            return `scrollWidth ${sw} > ${w}; outermost: ${outer.map(describe).join('; ')}; innermost: ${inner.map(describe).join('; ')}`;
        }
        """;
}
