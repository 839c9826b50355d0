using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Indexing.Search;
using Portal.Pages.Library.Import;
using Portal.Pages.Search;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Library.Import;

/// <summary>A piece repeating a document of another file is marked, left out of the index, and found once.</summary>
public class NearDuplicateTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>A speech of our own, four paragraphs, with words no demo document has (档案数字化, 库房).</summary>
    private const string ArchiveSpeech =
        "同志们：\n" +
        "今天召开全县档案数字化工作推进会，主要任务是总结前一阶段档案数字化工作，部署下一阶段任务。刚才，县档案馆和两个乡镇作了发言，讲得很实在。\n" +
        "一、充分认识档案数字化的重要意义\n" +
        "档案是历史的真实记录，库房里的纸质档案年代久远、查阅不便，加快数字化是保护档案、方便利用的迫切需要，各单位要把这项工作列入重要议事日程。\n" +
        "二、扎实推进库房改造和数据迁移\n" +
        "要按照统一标准做好扫描、著录和校验，严格落实保密和安全管理规定，确保数据准确完整、库房安全可靠，年底前完成全部存量档案的数字化。\n";

    private const string FloodSpeech =
        "同志们：\n" +
        "今年入汛以来，全县降雨偏多，河道水位持续偏高，防汛形势严峻复杂。这次会议的主要任务是分析研判汛情，压实防汛责任，确保安全度汛。\n" +
        "一、压紧压实防汛责任\n" +
        "各乡镇主要负责同志是本辖区防汛第一责任人，要亲自部署、靠前指挥，对堤防、水库、山塘逐一落实巡查人员和抢险队伍。\n" +
        "二、做好转移避险准备\n" +
        "要提前排查地质灾害隐患点和低洼易涝区域，制定转移方案，明确转移路线和安置场所，确保群众生命安全。\n";

    private async Task<FileImportResult> ImportAsync(string name, string text, DocumentVisibility visibility = DocumentVisibility.Public) =>
        await factory.WithScopeAsync(sp => sp.GetRequiredService<ImportService>()
            .ImportAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), new ImportDefaults(Visibility: visibility)));

    private Document Doc(int id) => factory.Db(db => db.Documents.Single(d => d.Id == id));

    private List<int> IndexedIds() => factory.Services.GetRequiredService<ISearchEngine>().Entries()
        .Where(e => e.Key.Source == SearchChange.DocumentSource).Select(e => e.Key.Id).ToList();

    private Task<List<int>> SearchAsync(string q) => factory.WithScopeAsync(sp => Task.FromResult(
        sp.GetRequiredService<SearchService>().Search(new SearchInput { Q = q, Size = 50 }, SearchAccess.Everything, withFacets: false)
            .Items.Select(i => i.Hit.Id).ToList()));

    private Task<IReadOnlyList<string>> VerifyIndexAsync() =>
        factory.WithScopeAsync(sp => sp.GetServices<IVerifyCheck>().OfType<SearchIndexCheck>().Single().RunAsync());

    [Fact]
    public async Task Piece_RepeatingADocumentOfAnotherFile_IsMarked_NotIndexed_AndFoundOnce()
    {
        var full = await ImportAsync("档案讲话.txt", "在全县档案数字化工作推进会上的讲话\n" + ArchiveSpeech);
        var original = Assert.Single(full.DocumentIds);

        // A compilation from elsewhere: its second piece is the same speech, cut off, and hard-wrapped at 28 characters.
        var excerpt = ArchiveSpeech[..(ArchiveSpeech.Length * 2 / 3)];
        var compilation = "会议讲话汇编（两篇）\n第一篇：在全县防汛工作会议上的讲话\n" + FloodSpeech +
                          "第二篇：在档案数字化工作推进会上的讲话（节选）\n" + Fixtures.Lines(Fixtures.HardWrap(excerpt, 28));
        var result = await ImportAsync("讲话汇编.txt", compilation);

        Assert.Equal(2, result.Documents);
        Assert.Contains("1 篇与文档库中已有文档重复已标记", result.Message);
        var (flood, copy) = (Doc(result.DocumentIds[0]), Doc(result.DocumentIds[1]));
        Assert.Null(flood.DuplicateOfId);
        Assert.Equal(original, copy.DuplicateOfId);
        Assert.Contains(original, IndexedIds());
        Assert.DoesNotContain(copy.Id, IndexedIds());
        Assert.Equal(new[] { original }, await SearchAsync("档案数字化 库房"));
        Assert.Empty(await VerifyIndexAsync());
    }

    [Fact]
    public async Task StoredExcerpt_IsMarked_WhenTheFullTextArrivesInAnotherFile()
    {
        var speech = FloodSpeech.Replace("防汛", "抗旱").Replace("汛情", "旱情");
        var early = await ImportAsync("抗旱讲话节选.txt", "抗旱工作会议讲话（节选）\n" + speech[..(speech.Length / 2)]);
        var excerpt = Assert.Single(early.DocumentIds);
        Assert.Contains(excerpt, await SearchAsync("抗旱 压实"));

        var later = await ImportAsync("抗旱讲话.txt", "在全县抗旱工作会议上的讲话\n" + speech);

        var full = Assert.Single(later.DocumentIds);
        Assert.Contains("已标记为重复", later.Message);
        Assert.Equal(full, Doc(excerpt).DuplicateOfId);
        Assert.Null(Doc(full).DuplicateOfId);
        Assert.Equal(new[] { full }, await SearchAsync("抗旱 压实"));
        Assert.Empty(await VerifyIndexAsync());
    }

    [Fact]
    public async Task RestrictedDocument_DoesNotHideAPublicCopy()
    {
        var speech = ArchiveSpeech.Replace("档案", "地方志");
        var restricted = await ImportAsync("地方志讲话.txt", "在全县地方志工作会议上的讲话\n" + speech, DocumentVisibility.Restricted);
        var copy = await ImportAsync("地方志讲话节选.txt", "地方志工作会议讲话摘要\n" + speech[..(speech.Length / 2)]);

        Assert.Null(Doc(Assert.Single(copy.DocumentIds)).DuplicateOfId);
        Assert.Null(Doc(Assert.Single(restricted.DocumentIds)).DuplicateOfId);
    }
}
