namespace Portal.Excel;

/// <summary>
/// How much room text takes in a cell, measured the way 宋体 sets it: a CJK character is two units of Excel's column
/// width (the width of a "0"), other characters one. ClosedXML's AdjustToContents needs GDI+ (absent on Linux) and does
/// not know CJK widths, so widths, line breaks and row heights are computed here.
/// </summary>
public static class ExcelText
{
    /// <summary>Points per printed line of 10 pt 宋体 with its leading (what Excel and LibreOffice give a one-line row).</summary>
    public const double LineHeight = 13.5;

    public static int DisplayWidth(string text)
    {
        var widest = 0;
        foreach (var line in text.Split('\n'))
            widest = Math.Max(widest, LineWidth(line));
        return widest;
    }

    private static int LineWidth(string line)
    {
        var w = 0;
        foreach (var ch in line)
            w += IsWide(ch) ? 2 : 1;
        return w;
    }

    private static bool IsWide(char ch) =>
        ch >= 0x1100 && (ch <= 0x115F || (ch >= 0x2E80 && ch <= 0xA4CF) || (ch >= 0xAC00 && ch <= 0xD7A3) ||
                         (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) || (ch >= 0xFF00 && ch <= 0xFF60) ||
                         (ch >= 0xFFE0 && ch <= 0xFFE6));

    /// <summary>
    /// The lines text wraps to in a column <paramref name="width"/> units wide (a unit of padding left for the cell
    /// border): each paragraph takes at least one line.
    /// </summary>
    public static int Lines(string text, double width)
    {
        var room = Math.Max(2, width - 1.5);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
            lines += Math.Max(1, (int)Math.Ceiling(LineWidth(paragraph) / room));
        return lines;
    }

    /// <summary>A row height (points) that shows <paramref name="lines"/> lines of text in full.</summary>
    public static double Height(int lines) => Math.Round(Math.Max(1, lines) * LineHeight + 3, 1);

    /// <summary>
    /// A header as it is printed in a column <paramref name="width"/> units wide: one that does not fit is broken before
    /// its bracket ("自评材料\n（30分）"), so a wrap never leaves "）" or "（30" alone on a line.
    /// </summary>
    public static string Header(string header, double width)
    {
        if (header.Contains('\n') || DisplayWidth(header) <= width - 1.5) return header;
        var bracket = header.IndexOf('（');
        if (bracket <= 0) bracket = header.IndexOf('(');
        return bracket > 0 ? header[..bracket] + "\n" + header[bracket..] : header;
    }
}
