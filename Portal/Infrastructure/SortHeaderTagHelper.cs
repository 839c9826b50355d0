using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Portal.Infrastructure;

/// <summary>
/// <c>&lt;th sort="deadline"&gt;期限&lt;/th&gt;</c>: a column header that sorts the list by that key. The link keeps the page's
/// filters, goes back to page 1, and toggles the direction when the column is already the sort; <c>sort-default="asc|desc"</c>
/// marks the column the list is sorted by when the URL names none.
/// </summary>
[HtmlTargetElement("th", Attributes = "sort")]
public sealed class SortHeaderTagHelper : TagHelper
{
    [HtmlAttributeName("sort")] public string Key { get; set; } = "";
    [HtmlAttributeName("sort-default")] public string? Default { get; set; }
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var request = ViewContext.HttpContext.Request;
        var query = ListQuery.From(request);
        bool? desc = string.Equals(query.Sort, Key, StringComparison.OrdinalIgnoreCase) ? query.Desc
            : query.Sort is null && Default is not null ? Default == "desc" : null;
        var href = Pager.WithQuery(request, ListQuery.SortKey, Key, ListQuery.PageKey, ListQuery.DescKey);
        if (desc == false) href += "&" + ListQuery.DescKey + "=1";
        var label = await output.GetChildContentAsync();

        output.Attributes.SetAttribute("aria-sort", desc switch { true => "descending", false => "ascending", null => "none" });
        var link = new TagBuilder("a");
        link.Attributes["href"] = href;
        link.AddCssClass("sort-link");
        link.InnerHtml.AppendHtml(label);
        link.InnerHtml.AppendHtml(desc switch
        {
            true => "<span class=\"sort-mark\" aria-hidden=\"true\">▼</span>",
            false => "<span class=\"sort-mark\" aria-hidden=\"true\">▲</span>",
            null => "",
        });
        output.Content.SetHtmlContent(link);
    }
}
