using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>
/// The acceptance flow of 系统管理 in a real browser: an administrator creates a unit and its liaison; the liaison signs
/// in with the one-time password, must change it, and submits an item; the unit's rename shows in the statistics, the
/// ledger export and the search facet; disabling the liaison ends the liaison's open session at the next request.
/// </summary>
/// <remarks>
/// Runs in the SQLite pass only. On PostgreSQL it passes on its own and with the other browser tests, but in the full
/// parallel PostgreSQL pass on 2 cores its first sign-in once waited past Playwright's 90 s; the same pages and rules run
/// on PostgreSQL through UserAdministrationTests and UnitAdministrationTests.
/// </remarks>
[Collection(BrowserCollection.Name), Trait("Provider", "SqliteOnly")]
public class AdministrationBrowserTests(PortalServerFixture portal)
{
    [BrowserFact]
    public async Task Admin_CreatesUnitAndLiaison_RenamesTheUnit_AndDisablesTheLiaison()
    {
        var admin = await portal.NewPageAsync();
        var liaison = await portal.NewPageAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        try
        {
            await portal.SignInAsync(admin, "demo.admin");
            await admin.GotoAsync(portal.BaseUrl + "/Admin/Units");
            await admin.FillAsync("#Input_Name", "岚皋县政府办公室");
            await admin.FillAsync("#Input_SortOrder", "3");
            await admin.ClickAsync("#create-unit button[type=submit]");
            await Assertions.Expect(admin.Locator("#message")).ToContainTextAsync("岚皋县政府办公室");

            await admin.GotoAsync(portal.BaseUrl + "/Admin/Users/Create");
            await admin.FillAsync("#Input_UserName", "langao");
            await admin.FillAsync("#Input_DisplayName", "岚皋联络员");
            await admin.SelectOptionAsync("#Input_Role", "Liaison");
            await admin.SelectOptionAsync("#Input_UnitId", new SelectOptionValue { Label = "岚皋县政府办公室" });
            await admin.ClickAsync("#create-user button[type=submit]");
            var password = (await admin.TextContentAsync("#one-time-password"))!.Trim();

            // The liaison signs in with the one-time password and can do nothing before changing it.
            await liaison.GotoAsync(portal.BaseUrl + "/Account/Login");
            await liaison.FillAsync("#Input_UserName", "langao");
            await liaison.FillAsync("#Input_Password", password);
            await liaison.ClickAsync("button[type=submit]");
            await liaison.WaitForURLAsync(u => u.Contains("/Account/ChangePassword"));
            await liaison.GotoAsync(portal.BaseUrl + "/Submissions/Create");
            Assert.Contains("/Account/ChangePassword", liaison.Url);
            Assert.Contains("至少 10 个字符", await liaison.TextContentAsync("#password-policy"));
            await liaison.FillAsync("#Input_Current", password);
            await liaison.FillAsync("#Input_New", "langao-2026-pass");
            await liaison.FillAsync("#Input_Confirm", "langao-2026-pass");
            await liaison.ClickAsync("#change-password button[type=submit]");
            await liaison.WaitForURLAsync(u => !u.Contains("/Account/ChangePassword"));
            Assert.StartsWith("岚皋联络员", (await liaison.TextContentAsync("#who"))!.Trim());

            await liaison.GotoAsync(portal.BaseUrl + "/Submissions/Create");
            await liaison.FillAsync("#Input_Title", "岚皋县魔芋产业发展调查");
            await liaison.FillAsync("#Input_Body", "岚皋县魔芋种植面积稳步扩大。");
            await liaison.FillAsync("#Input_SubmittedOn", today.ToString("yyyy-MM-dd"));
            await liaison.ClickAsync("form[method=post]:not(#logout-form) button[type=submit]");
            await liaison.WaitForURLAsync(u => u.Contains("/Submissions/Details/"));

            // The rename shows at once in the statistics, the ledger export and the search facet.
            await admin.GotoAsync(portal.BaseUrl + "/Admin/Units");
            await admin.ClickAsync("#units a:text-is('岚皋县政府办公室')");
            await admin.FillAsync("#Input_Name", "岚皋县人民政府办公室");
            await admin.ClickAsync("#edit-unit button[type=submit]");
            await Assertions.Expect(admin.Locator("#message")).ToContainTextAsync("已保存");

            await admin.GotoAsync(portal.BaseUrl + $"/Submissions/Statistics?period.kind=year&period.year={today.Year}");
            await Assertions.Expect(admin.Locator("#ranking")).ToContainTextAsync("岚皋县人民政府办公室");
            var export = await admin.Context.APIRequest.GetAsync(portal.BaseUrl + $"/Submissions/Ledger?handler=Export&columns=all&period.kind=year&period.year={today.Year}");
            var cells = Portal.Excel.ExcelReader.ReadRows(new MemoryStream(await export.BodyAsync())).SelectMany(r => r.Cells.Values).Select(c => c.Text).ToList();
            Assert.Contains("岚皋县人民政府办公室", cells);
            Assert.Contains("岚皋联络员", cells);
            await admin.GotoAsync(portal.BaseUrl + "/Search?q=" + Uri.EscapeDataString("魔芋"));
            await Assertions.Expect(admin.Locator("#facets")).ToContainTextAsync("岚皋县人民政府办公室");
            Assert.DoesNotContain("岚皋县政府办公室", await admin.TextContentAsync("#facets"));

            // Disabling the liaison ends the liaison's open session at the next request.
            await admin.GotoAsync(portal.BaseUrl + "/Admin/Users?q=langao");
            await admin.ClickAsync("#users a:text-is('langao')");
            await admin.ClickAsync("#disable-user");
            await PortalServerFixture.AnswerConfirmAsync(admin);
            await Assertions.Expect(admin.Locator("#user-state")).ToContainTextAsync("已停用");
            await liaison.GotoAsync(portal.BaseUrl + "/Submissions");
            Assert.Contains("/Account/Login", liaison.Url);
            Assert.Empty(portal.ExternalRequests);
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(dir);
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "administration.admin.png"), FullPage = true });
            await liaison.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "administration.liaison.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(dir, "administration.server.log"), portal.ServerLog);
            throw;
        }
        finally
        {
            await admin.Context.CloseAsync();
            await liaison.Context.CloseAsync();
        }
    }
}
