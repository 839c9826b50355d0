using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Pages.Library;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Search;

/// <summary>The portal with, beside the demo data, a few documents written for the search tests (added once, through DocumentService).</summary>
public sealed class SearchPortalFactory : PortalFactory
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Ids? _ids;

    public sealed record Ids(int Public, int Traditional, int Restricted, int SimilarPublic, int Script, int UnitId);

    public async Task<Ids> SeedAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_ids is not null) return _ids;
            var unit = Db(db => db.Units.Single(u => u.Name == "城关区政府办公室").Id);
            var docs = new[]
            {
                new Document { Title = "关于开展防汛应急演练的通知", Body = "各单位要认真组织防汛应急演练，检验预案的可操作性。\n演练结束后报送总结。",
                    DocType = "通知", DocDate = new DateOnly(2024, 6, 1), SourceFileName = "演练通知.docx" },
                new Document { Title = "政府辦公室主任座談講話", Body = "督辦室要列席政府常務會議，對領導批示件實行台賬管理。",
                    DocType = "讲话", DocDate = new DateOnly(2022, 3, 3), SourceFileName = "000.txt", Part = 1 },
                new Document { Title = "城关区保密检查纪要", Body = "城关区机要室保密检查发现涉密载体管理问题，机要室限期整改。",
                    DocType = "纪要", IssuingUnitName = "机要保密专班", DocDate = new DateOnly(2019, 1, 2),
                    Visibility = DocumentVisibility.Restricted, Grants = { new DocumentGrant { UnitId = unit } } },
                new Document { Title = "机要室保密检查情况", Body = "机要室保密检查发现涉密载体管理问题，机要室要立即整改。",
                    DocType = "通报", DocDate = new DateOnly(2023, 1, 2) },
                new Document { Title = "<script>alert(1)</script> 防汛 & 值守", Body = "防汛值守 <b>不要</b> 松懈 & \"加强\" 'x'",
                    DocType = "通知", DocDate = new DateOnly(2024, 7, 1) },
            };
            await WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<DocumentService>().AddAsync(docs);
                return 0;
            });
            return _ids = new Ids(docs[0].Id, docs[1].Id, docs[2].Id, docs[3].Id, docs[4].Id, unit);
        }
        finally { _lock.Release(); }
    }
}
