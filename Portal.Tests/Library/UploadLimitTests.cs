using System.Net.Http.Headers;
using System.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Library;

/// <summary>The portal with a tiny upload limit (options pattern: Portal:Library:MaxFileBytes).</summary>
public sealed class SmallUploadLimitFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Library:MaxFileBytes"] = "2048",
    };
}

public class UploadLimitTests(SmallUploadLimitFactory factory) : IClassFixture<SmallUploadLimitFactory>
{
    [Fact]
    public async Task FileOverTheConfiguredLimit_IsRefused_AndTheOthersImported()
    {
        var staff = await factory.SignInAsync("demo.staff");
        var token = await staff.AntiforgeryTokenAsync("/Library/Upload");
        var big = "关于超大文件的通知\n各单位：\n" + string.Concat(Enumerable.Repeat("请认真做好各项工作，确保安全。", 200)) + "\n";
        var small = "关于小文件的通知\n各单位：\n请认真做好小文件工作。\n";
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, text) in new[] { ("big.txt", big), ("small.txt", small) })
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(part, "Input.Files", name);
        }
        var page = await (await staff.PostAsync("/Library/Upload", form)).ReadDocumentAsync();
        var rows = page.QuerySelectorAll("#results tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("超过大小限制", rows[0]);
        Assert.Contains("已导入", rows[1]);
        Assert.Equal(0, factory.Db(db => db.Documents.Count(d => d.Title == "关于超大文件的通知")));
        Assert.Equal(1, factory.Db(db => db.Documents.Count(d => d.Title == "关于小文件的通知")));
    }

    [Fact]
    public async Task LibraryList_DoesNotShowAMarkedDuplicateTwice()
    {
        var ids = factory.Db(db =>
        {
            var a = new Portal.Data.Document { Title = "唯一标题甲乙丙的讲话", Body = "正文一", ContentHash = Guid.NewGuid().ToString("N"), DocType = "讲话" };
            db.Documents.Add(a);
            db.SaveChanges();
            var b = new Portal.Data.Document { Title = "唯一标题甲乙丙的讲话", Body = "正文", ContentHash = Guid.NewGuid().ToString("N"), DocType = "讲话", DuplicateOfId = a.Id };
            db.Documents.Add(b);
            db.SaveChanges();
            return (a.Id, b.Id);
        });
        var staff = await factory.SignInAsync("demo.staff");
        var list = await staff.GetDocumentAsync("/Library?type=讲话&q=唯一标题甲乙丙");
        Assert.Equal(1, list.QuerySelectorAll("#documents a").Count(a => a.TextContent == "唯一标题甲乙丙的讲话"));
        Assert.Equal("1", list.TextOf("#total"));
        // The duplicate itself is still reachable, and says what it repeats.
        var dup = await staff.GetDocumentAsync($"/Library/Details/{ids.Item2}");
        Assert.NotNull(dup.QuerySelector("#duplicate-note"));
    }
}
