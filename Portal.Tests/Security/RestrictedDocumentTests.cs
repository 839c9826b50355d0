using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Pages.Library;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// A document restricted to unit A never shows for anyone else: not in the list, the count, search, the API, the
/// suggestions, nor as a similar document of a public one that says nearly the same. Unit A and administrators do see it.
/// </summary>
public class RestrictedDocumentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task RestrictedDocument_AppearsNowhere_ForOtherUnitsStaffAndLeaders()
    {
        var a = await UnitAData.CreateAsync(factory);
        // A public document that says nearly the same, so the restricted one would be its most similar document.
        var twin = await factory.WithScopeAsync(async sp =>
        {
            var doc = new Document
            {
                Title = "关于城关区内部事项保密工作的通知（公开版）", Body = "城关区各科室：\n请做好城关区内部事项的保密工作。", DocType = "通知",
            };
            await sp.GetRequiredService<DocumentService>().AddAsync([doc]);
            return doc.Id;
        });
        var id = a.Document.ToString();
        var queries = new[] { "城关区内部事项", "保密工作", "title:城关区" };

        async Task<List<string>> SightingsAsync(HttpClient client)
        {
            var seen = new List<string>();
            void Look(string where, string body)
            {
                if (body.Contains($"/Library/Details/{id}\"") || body.Contains($"/Library/Details/{id}?") || body.Contains(a.DocumentTitle)) seen.Add(where);
            }
            foreach (var q in queries)
            {
                var e = Uri.EscapeDataString(q);
                Look("search " + q, await client.GetStringAsync("/Search?q=" + e));
                var api = await client.GetStringAsync("/api/search?q=" + e);
                if (JsonDocument.Parse(api).RootElement.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("id").GetInt32() == a.Document)) seen.Add("api " + q);
                Look("suggest " + q, await client.GetStringAsync("/Search/Suggest?q=" + e));
            }
            Look("similar", await client.GetStringAsync($"/Library/Details/{twin}"));
            for (var p = 1; p <= 3; p++) Look("library list", await client.GetStringAsync($"/Library?type=通知&p={p}"));
            Look("home", await client.GetStringAsync("/"));
            return seen;
        }

        foreach (var user in new[] { "demo.liaison2", "demo.staff", "demo.leader" })
        {
            var client = await factory.SignInAsync(user);
            Assert.Equal([], await SightingsAsync(client));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Library/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Library/Details/{id}?handler=Download")).StatusCode);
        }
        // The checks can see it: unit A's liaison finds it by search, API and as the similar document; so does an administrator.
        foreach (var user in new[] { "demo.liaison", "demo.admin" })
        {
            var seen = await SightingsAsync(await factory.SignInAsync(user));
            Assert.Contains("api 城关区内部事项", seen);
            Assert.Contains("similar", seen);
        }
    }
}
