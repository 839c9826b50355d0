using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Pages.Library.Import;

/// <summary>
/// The main text of a saved web page: scripts, styles, navigation, headers, footers and side bars dropped;
/// the article (or main, or body) read block by block, one line per block.
/// </summary>
public static partial class HtmlReader
{
    private static readonly string[] Dropped =
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "header", "footer", "aside",
        "form", "button", "select", "input", "textarea", "object", "embed",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "tr", "table", "tbody", "thead", "blockquote", "pre", "center", "br", "hr", "figure", "figcaption",
    };

    [GeneratedRegex("(^|[-_ ])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|header|sidebar|side|banner|share|comments?|advert|ads?|toolbar|pager|pagination|related|recommend|copyright|login)([-_ ]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ChromeName();

    public static string Read(byte[] bytes)
    {
        if (bytes.Length == 0) throw new ImportRefusedException("文件为空。");
        // Decoded as a text file first (BOM, UTF-8, else GB18030): saved Chinese pages are very often GBK.
        var html = TextDecoder.Decode(bytes);
        var parser = new HtmlParser();
        var doc = parser.ParseDocument(html);

        var pageTitle = doc.Title?.Trim();
        foreach (var name in Dropped)
            foreach (var el in doc.QuerySelectorAll(name).ToList()) el.Remove();
        foreach (var el in doc.QuerySelectorAll("[role=navigation],[role=banner],[role=contentinfo],[hidden],[aria-hidden=true]").ToList())
            el.Remove();
        foreach (var el in doc.All.Where(e => e.LocalName != "body" && e.LocalName != "html" && e.LocalName != "main" && e.LocalName != "article"
                     && (ChromeName().IsMatch(e.Id ?? "") || ChromeName().IsMatch(e.ClassName ?? ""))).ToList())
            el.Remove();

        var root = (IElement?)doc.QuerySelector("article") ?? doc.QuerySelector("main") ?? doc.QuerySelector("[role=main]") ?? doc.Body;
        if (root is null) throw new ImportRefusedException("网页中没有正文内容。");
        var sb = new StringBuilder();
        Walk(root, sb);
        var text = sb.ToString();
        var hasHeading = root.QuerySelector("h1") is not null;
        if (!hasHeading && !string.IsNullOrEmpty(pageTitle))
        {
            // "标题 - 某某网" → the part before the site name.
            var title = Regex.Split(pageTitle, @"\s+[-_|｜—]\s+|_")[0].Trim();
            if (title.Length > 0 && !text.TrimStart().StartsWith(title, StringComparison.Ordinal))
                text = title + "\n" + text;
        }
        if (string.IsNullOrWhiteSpace(text)) throw new ImportRefusedException("网页中没有正文内容。");
        return text;
    }

    private static void Walk(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                sb.Append(Regex.Replace(t.Data, @"[ \t\r\n]+", " "));
            }
            else if (child is IElement e)
            {
                var block = Blocks.Contains(e.LocalName);
                if (block) sb.Append('\n');
                if (e.LocalName is "td" or "th") sb.Append('\t');
                Walk(e, sb);
                if (block) sb.Append('\n');
            }
        }
    }
}
