using System.Globalization;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Portal.Tests.Security;

/// <summary>A cell as another program may write it: text, a number, a formula (with or without the value Excel cached), an ISO date.</summary>
public abstract record RawCell
{
    public static implicit operator RawCell(string text) => new TextCell(text);
    public static implicit operator RawCell(double number) => new NumberCell(number);
}
public sealed record TextCell(string Text) : RawCell;
public sealed record NumberCell(double Number) : RawCell;
public sealed record FormulaCell(string Formula, string? CachedText = null, double? CachedNumber = null) : RawCell;
public sealed record IsoDateCell(string Iso) : RawCell;

/// <summary>
/// Builds .xlsx files cell by cell with the Open XML SDK, the way other programs write them (not through the portal's
/// own writer): formulas, inline strings, merged ranges, tens of thousands of rows. The sheet's XML is written
/// directly (fast for 50,000 rows); the package, workbook and relationships are the SDK's.
/// </summary>
public static class RawWorkbook
{
    /// <param name="asOffice">Texts in a shared-string table and a styles part, as Excel and WPS save them (else inline strings, no styles).</param>
    public static byte[] Build(IEnumerable<RawCell?[]> rows, IEnumerable<string>? merges = null, int blankMegabytes = 0, bool asOffice = false)
    {
        var shared = asOffice ? new List<string>() : null;
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            using (var xml = new MemoryStream())
            {
                using (var w = new StreamWriter(xml, new UTF8Encoding(false), leaveOpen: true))
                {
                    w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                    var r = 0;
                    foreach (var row in rows)
                    {
                        r++;
                        w.Write($"<row r=\"{r}\">");
                        for (var c = 0; c < row.Length; c++)
                            if (row[c] is RawCell cell) w.Write(Cell(cell, Portal.Excel.ExcelWriter.ColumnLetter(c) + r, shared));
                        w.Write("</row>");
                    }
                    if (blankMegabytes > 0)
                    {
                        // A zip bomb: one cell of blanks that compresses a thousandfold.
                        w.Write($"<row r=\"{r + 1}\"><c r=\"A{r + 1}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                        var blanks = new string(' ', 1024 * 1024);
                        for (var i = 0; i < blankMegabytes; i++) w.Write(blanks);
                        w.Write("</t></is></c></row>");
                    }
                    w.Write("</sheetData>");
                    var ranges = merges?.ToList() ?? [];
                    if (ranges.Count > 0)
                        w.Write($"<mergeCells count=\"{ranges.Count}\">" + string.Concat(ranges.Select(m => $"<mergeCell ref=\"{m}\"/>")) + "</mergeCells>");
                    w.Write("</worksheet>");
                }
                xml.Position = 0;
                ws.FeedData(xml);
            }
            if (shared is not null)
            {
                Feed(wb.AddNewPart<SharedStringTablePart>(), $"<sst xmlns=\"{Main}\" count=\"{shared.Count}\" uniqueCount=\"{shared.Count}\">" +
                    string.Concat(shared.Select(t => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(t)}</t></si>")) + "</sst>");
                Feed(wb.AddNewPart<WorkbookStylesPart>(), $"<styleSheet xmlns=\"{Main}\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/></font></fonts>" +
                    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
                    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
                    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
                    "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs></styleSheet>");
            }
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "台账" }));
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static void Feed(OpenXmlPart part, string xml)
    {
        using var s = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        part.FeedData(s);
    }

    private static int Share(List<string> shared, string text)
    {
        shared.Add(text);
        return shared.Count - 1;
    }

    private static string Cell(RawCell cell, string reference, List<string>? shared) => cell switch
    {
        TextCell t when shared is not null => $"<c r=\"{reference}\" t=\"s\"><v>{Share(shared, t.Text)}</v></c>",
        TextCell t => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(t.Text)}</t></is></c>",
        NumberCell n => $"<c r=\"{reference}\"><v>{n.Number.ToString(CultureInfo.InvariantCulture)}</v></c>",
        IsoDateCell d => $"<c r=\"{reference}\" t=\"d\"><v>{SecurityElement.Escape(d.Iso)}</v></c>",
        FormulaCell { CachedText: string text } f => $"<c r=\"{reference}\" t=\"str\"><f>{SecurityElement.Escape(f.Formula)}</f><v>{SecurityElement.Escape(text)}</v></c>",
        FormulaCell { CachedNumber: double v } f => $"<c r=\"{reference}\"><f>{SecurityElement.Escape(f.Formula)}</f><v>{v.ToString(CultureInfo.InvariantCulture)}</v></c>",
        FormulaCell f => $"<c r=\"{reference}\"><f>{SecurityElement.Escape(f.Formula)}</f></c>",
        _ => throw new ArgumentOutOfRangeException(nameof(cell)),
    };
}
