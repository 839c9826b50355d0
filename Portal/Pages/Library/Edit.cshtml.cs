using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Identity;
using Portal.Infrastructure;

namespace Portal.Pages.Library;

/// <summary>What staff may correct after an import; mapped onto the document explicitly.</summary>
public sealed class DocumentEditInput
{
    [Required(ErrorMessage = "请填写标题。"), StringLength(500, ErrorMessage = "标题不能超过 500 字。")] public string Title { get; set; } = "";
    [StringLength(100, ErrorMessage = "文号不能超过 100 字。")] public string? DocNumber { get; set; }
    [Required] public string DocType { get; set; } = DocumentTypes.Other;
    public int? IssuingUnitId { get; set; }
    [StringLength(200, ErrorMessage = "单位名称不能超过 200 字。")] public string? IssuingUnitName { get; set; }
    public DateOnly? DocDate { get; set; }
    public DocumentVisibility Visibility { get; set; }
    [Required(ErrorMessage = "正文不能为空。")] public string Body { get; set; } = "";
}

[Authorize(Policy = Policies.Office)]
public class EditModel(DocumentService documents, PortalDbContext db, AuditLog audit) : PageModel
{
    [BindProperty] public DocumentEditInput Input { get; set; } = new();
    public List<Unit> Units { get; private set; } = new();
    public int Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var doc = await documents.FindAsync(id);
        if (doc is null) return NotFound();
        Id = id;
        Input = new DocumentEditInput
        {
            Title = doc.Title, DocNumber = doc.DocNumber, DocType = doc.DocType, IssuingUnitId = doc.IssuingUnitId,
            IssuingUnitName = doc.IssuingUnitName, DocDate = doc.DocDate, Visibility = doc.Visibility, Body = doc.Body,
        };
        await LoadUnitsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        Id = id;
        if (!DocumentTypes.All.Contains(Input.DocType)) ModelState.AddModelError("Input.DocType", "文档类型无效。");
        if (Input.IssuingUnitId is int unitId && !await db.Units.AnyAsync(u => u.Id == unitId)) ModelState.AddModelError("Input.IssuingUnitId", "单位不存在。");
        if (!ModelState.IsValid)
        {
            await LoadUnitsAsync();
            return Page();
        }
        var input = Input;
        var body = input.Body.Replace("\r\n", "\n").Trim();
        string? before = null;
        var found = await documents.UpdateAsync(id, d =>
        {
            before = $"{d.Title}｜{d.DocType}｜{d.DocNumber}｜{d.DocDate:yyyy-MM-dd}";
            d.Title = input.Title.Trim();
            d.DocNumber = string.IsNullOrWhiteSpace(input.DocNumber) ? null : input.DocNumber.Trim();
            d.DocType = input.DocType;
            d.IssuingUnitId = input.IssuingUnitId;
            d.IssuingUnitName = input.IssuingUnitId is null && !string.IsNullOrWhiteSpace(input.IssuingUnitName) ? input.IssuingUnitName.Trim() : null;
            d.DocDate = input.DocDate;
            d.Visibility = input.Visibility;
            d.Body = body;
            // Audited in the same unit of work as the change.
            audit.Add("编辑文档", nameof(Document), d.Id.ToString(), before, $"{d.Title}｜{d.DocType}｜{d.DocNumber}｜{d.DocDate:yyyy-MM-dd}");
        });
        if (!found) return NotFound();
        return RedirectToPage("/Library/Details", new { id });
    }

    private async Task LoadUnitsAsync() =>
        Units = await db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.SortOrder).ThenBy(u => u.Name).ToListAsync();
}
