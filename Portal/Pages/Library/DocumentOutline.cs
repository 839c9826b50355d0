using Portal.Pages.Library.Import;

namespace Portal.Pages.Library;

/// <summary>One entry of a document's outline: the paragraph it points to and its level (1 第X章/篇 … 4 1.).</summary>
public sealed record OutlineEntry(int Paragraph, int Level, string Text);

/// <summary>The outline of a body from its numbered headings (第X篇/章, 一、, （一）, 1.).</summary>
public static class DocumentOutline
{
    public static List<OutlineEntry> Of(IReadOnlyList<string> paragraphs)
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
}
