using System.Net;
using Portal.Statistics;
using Portal.Pages.Admin.Units;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Admin;

public class UnitRulesTests
{
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, true, true)]   // a disabled unit stays in the statistics of periods in which it has records
    [InlineData(false, false, false)] // and leaves those of periods without
    public void DisabledUnit_IsKeptInPastStatistics_Only(bool active, bool hasRecords, bool listed) =>
        Assert.Equal(listed, ReportedUnits.Include(active, hasRecords));

    [Fact]
    public void UnitNames_AreUnique() => Assert.NotNull(UnitRules.UniqueName(" 石泉县政府办公室", ["石泉县政府办公室"]));
}

/// <summary>单位管理: a new unit and its liaison, a rename seen everywhere at once, a disabled unit kept for its past.</summary>
public class UnitAdministrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Today => UnitAData().ToString("yyyy-MM-dd");
    private static DateOnly UnitAData() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public async Task Rename_ShowsAtOnce_InStatisticsLedgerExportAndSearchFacet_AndDisabledUnitKeepsItsPast()
    {
        var admin = await factory.SignInAsync("demo.admin");
        var created = await admin.PostFormAsync("/Admin/Units", new Dictionary<string, string>
        {
            ["Input.Name"] = "紫阳县政府办公室", ["Input.Kind"] = "CountyOffice", ["Input.SortOrder"] = "5",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var unitId = factory.Db(db => db.Units.Single(u => u.Name == "紫阳县政府办公室").Id);
        var duplicate = await (await admin.PostFormAsync("/Admin/Units", new Dictionary<string, string>
        {
            ["Input.Name"] = "紫阳县政府办公室", ["Input.Kind"] = "CountyOffice", ["Input.SortOrder"] = "6",
        })).ReadDocumentAsync();
        Assert.Contains("已有名为", duplicate.TextOf("#error"));

        var user = await (await admin.PostFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.UserName"] = "ziyang", ["Input.DisplayName"] = "紫阳联络员", ["Input.Role"] = "Liaison", ["Input.UnitId"] = unitId.ToString(),
        })).ReadDocumentAsync();
        var liaison = await factory.SignInAsync("ziyang", user.TextOf("#one-time-password"));
        await liaison.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.Current"] = user.TextOf("#one-time-password"), ["Input.New"] = "ziyang-2026-pass", ["Input.Confirm"] = "ziyang-2026-pass",
        });
        var submitted = await liaison.PostFormAsync("/Submissions/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = "紫阳县茶叶产业链调研", ["Input.Body"] = "紫阳县富硒茶产业发展情况。", ["Input.Category"] = "Dynamic", ["Input.SubmittedOn"] = Today,
        });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        var renamed = await admin.PostFormAsync($"/Admin/Units/Edit/{unitId}", new Dictionary<string, string>
        {
            ["Input.Name"] = "紫阳县人民政府办公室", ["Input.Kind"] = "CountyOffice", ["Input.SortOrder"] = "5",
        }, formSelector: "#edit-unit");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var year = UnitAData().Year;
        var stats = await admin.GetDocumentAsync($"/Submissions/Statistics?period.kind=year&period.year={year}");
        Assert.Contains("紫阳县人民政府办公室", stats.TextOf("#ranking"));
        Assert.DoesNotContain("紫阳县政府办公室", stats.TextOf("#ranking"));
        var ledger = await admin.GetByteArrayAsync($"/Submissions/Ledger?handler=Export&columns=all&period.kind=year&period.year={year}");
        var cells = Portal.Excel.ExcelReader.ReadRows(new MemoryStream(ledger)).SelectMany(r => r.Cells.Values).Select(c => c.Text).ToList();
        Assert.Contains("紫阳县人民政府办公室", cells);
        Assert.DoesNotContain("紫阳县政府办公室", cells);
        Assert.Contains("紫阳联络员", cells);   // 报送人 by 姓名, never the login name
        Assert.DoesNotContain("ziyang", cells);
        var itemId = factory.Db(db => db.Set<Portal.Pages.Submissions.Submission>().Single(s => s.Title == "紫阳县茶叶产业链调研").Id);
        var details = (await admin.GetDocumentAsync($"/Submissions/Details/{itemId}")).QuerySelector("main")!.TextContent;
        Assert.Contains("紫阳联络员", details);
        Assert.DoesNotContain("ziyang", details);
        var search = await admin.GetDocumentAsync("/Search?q=富硒茶");
        Assert.Contains("紫阳县人民政府办公室", search.TextOf("#facets"));
        Assert.DoesNotContain("紫阳县政府办公室", search.TextOf("#facets"));

        var disabled = await admin.PostFormAsync($"/Admin/Units/Edit/{unitId}", new Dictionary<string, string>(), action: $"/Admin/Units/Edit/{unitId}?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains("紫阳县人民政府办公室", (await admin.GetDocumentAsync($"/Submissions/Statistics?period.kind=year&period.year={year}")).TextOf("#ranking"));
        Assert.DoesNotContain("紫阳县人民政府办公室", (await admin.GetDocumentAsync($"/Submissions/Statistics?period.kind=year&period.year={year - 3}")).QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("紫阳县人民政府办公室", (await admin.GetDocumentAsync("/Admin/Users/Create")).TextOf("#Input_UnitId"));
        Assert.DoesNotContain("紫阳县人民政府办公室", (await admin.GetDocumentAsync("/Supervision/Create")).Body!.TextContent);
        var refused = await (await admin.PostFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.UserName"] = "ziyang2", ["Input.DisplayName"] = "紫阳二", ["Input.Role"] = "Liaison", ["Input.UnitId"] = unitId.ToString(),
        })).ReadDocumentAsync();
        Assert.Contains("已停用", refused.TextOf("#error"));
    }
}
