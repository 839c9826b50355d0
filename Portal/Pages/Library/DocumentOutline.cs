using System.Globalization;
using Portal.Pages.Library.Import;

namespace Portal.Pages.Library;

/// <summary>One entry of a document's outline: the paragraph it points to and its level (1 第X章/篇 … 4 1.).</summary>
public sealed record OutlineEntry(int Paragraph, int Level, string Text);

/// <summary>
/// The outline of a body: from the headings its original marked by style (Word) when it had any, otherwise from its
/// numbered headings (第X篇/章, 一、, （一）, 1.).
/// </summary>
public static class DocumentOutline
{
    public static List<OutlineEntry> Of(IReadOnlyList<string> paragraphs, string? styledHeadings = null)
    {
        var styled = Decode(styledHeadings);
        return styled.Count > 0 ? FromStyles(paragraphs, styled) : FromNumbering(paragraphs);
    }

    /// <summary>Each styled heading is found in order among the paragraphs; one the body no longer has (edited) is left out.</summary>
    private static List<OutlineEntry> FromStyles(IReadOnlyList<string> paragraphs, IReadOnlyList<StyledHeading> styled)
    {
        var outline = new List<OutlineEntry>();
        var from = 0;
        foreach (var h in styled)
        {
            for (var i = from; i < paragraphs.Count; i++)
            {
                if (paragraphs[i] != h.Text) continue;
                // Word has nine heading levels and a title; the page shows four.
                outline.Add(new OutlineEntry(i, Math.Clamp(h.Level, 1, 4), Structure.HeadingText(h.Text)));
                from = i + 1;
                break;
            }
        }
        return outline;
    }

    private static List<OutlineEntry> FromNumbering(IReadOnlyList<string> paragraphs)
    {
        var outline = new List<OutlineEntry>();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            var level = Structure.HeadingLevel(p);
            if (level == 0) continue;
            // A paragraph that merely starts with 1. or 一、 is a list item, not a heading: headings are short or run-in.
            var text = Structure.HeadingText(p);
            if (text.Length > 50 && !p.Contains('。')) continue;
            if (level == 4 && text.Length > 30) continue;
            outline.Add(new OutlineEntry(i, level, text));
        }
        return outline;
    }

    /// <summary>The stored form of <see cref="Data.Document.Headings"/>: "level TAB text" per line; null for none.</summary>
    public static string? Encode(IReadOnlyCollection<StyledHeading> headings) =>
        headings.Count == 0 ? null
            : string.Join("\n", headings.Select(h => h.Level.ToString(CultureInfo.InvariantCulture) + "\t" + h.Text.Replace('\n', ' ').Replace('\t', ' ')));

    public static List<StyledHeading> Decode(string? stored)
    {
        var list = new List<StyledHeading>();
        if (string.IsNullOrEmpty(stored)) return list;
        foreach (var line in stored.Split('\n'))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0 && int.TryParse(line.AsSpan(0, tab), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && tab + 1 < line.Length)
                list.Add(new StyledHeading(level, line[(tab + 1)..]));
        }
        return list;
    }
}
