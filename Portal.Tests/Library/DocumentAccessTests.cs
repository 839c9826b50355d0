using System.Net;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Library;

public class DocumentAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private (int Id, int UnitId) RestrictedDocumentOfUnit(string unitName) => factory.Db(db =>
    {
        var unit = db.Units.Single(u => u.Name == unitName).Id;
        var doc = db.Documents.FirstOrDefault(d => d.Visibility == DocumentVisibility.Restricted && d.Grants.Any(g => g.UnitId == unit));
        if (doc is null)
        {
            doc = new Document
            {
                Title = "（内部）测试受限文档", Body = "仅限本单位阅读的内容。", DocType = "通知", ContentHash = Guid.NewGuid().ToString("N"),
                Visibility = DocumentVisibility.Restricted, Grants = { new DocumentGrant { UnitId = unit } },
            };
            db.Documents.Add(doc);
            db.SaveChanges();
        }
        return (doc.Id, unit);
    });

    [Fact]
    public async Task LiaisonOfAnotherUnit_Gets404_ForARestrictedDocument()
    {
        var (id, _) = RestrictedDocumentOfUnit("城关区政府办公室");
        var other = await factory.SignInAsync("demo.liaison2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Library/Details/{id}")).StatusCode);

        var own = await factory.SignInAsync("demo.liaison");
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/Library/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task RestrictedDocuments_AreNotCounted_ForOthers()
    {
        RestrictedDocumentOfUnit("城关区政府办公室");
        var total = factory.Db(db => db.Documents.Count());
        var publicCount = factory.Db(db => db.Documents.Count(d => d.Visibility == DocumentVisibility.Public));
        var other = await factory.SignInAsync("demo.liaison2");
        var unit2 = factory.Db(db => db.Units.Single(u => u.Name == "滨江区政府办公室").Id);
        var visibleToOther = factory.Db(db => db.Documents.Count(d => d.Visibility == DocumentVisibility.Public || d.Grants.Any(g => g.UnitId == unit2)));
        var page = await other.GetDocumentAsync("/Library");
        Assert.Equal(visibleToOther.ToString(), page.TextOf("#total"));
        Assert.True(visibleToOther < total);
        var admin = await factory.SignInAsync("demo.admin");
        Assert.Equal(total.ToString(), (await admin.GetDocumentAsync("/Library")).TextOf("#total"));
        Assert.True(publicCount <= visibleToOther);
    }

    [Fact]
    public async Task UnknownDocument_Is404_WithAChineseMessage()
    {
        var client = await factory.SignInAsync("demo.staff");
        var response = await client.GetAsync("/Library/Details/987654");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("不存在", page.TextOf("#error-message"));
    }
}
