using System.Text.RegularExpressions;

namespace Portal.Tests.Security;

public static partial class ChineseText
{
    /// <summary>The text says something in Chinese (at least one Han character), as every message to a user must.</summary>
    public static bool IsChinese(string? text) => text is not null && Han().IsMatch(text);

    [GeneratedRegex("\\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
