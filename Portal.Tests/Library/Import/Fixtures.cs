using System.Text;

namespace Portal.Tests.Library.Import;

/// <summary>Texts written for these tests: they reproduce the patterns users bring (wraps, ads, chrome), not any sample.</summary>
internal static class Fixtures
{
    /// <summary>A speech of our own, long enough to wrap several times.</summary>
    public const string Speech =
        "同志们：\n" +
        "今天召开全县机关事务工作推进会，主要任务是总结上半年机关事务工作，分析当前形势，部署下半年重点任务。刚才，三个单位作了交流发言，讲得都很好，请大家认真学习借鉴。下面，我讲三点意见。\n" +
        "一、统一思想认识，切实增强做好机关事务工作的责任感\n" +
        "机关事务工作是保障机关高效运转的基础性工作，县政府办公室和各乡镇办公室要把服务保障放在突出位置，主动研究新情况，及时解决新问题，确保各项工作有序推进。\n" +
        "二、突出工作重点，全面提升服务保障水平\n" +
        "要抓好公务用车管理、办公用房调配和节能降耗工作，严格执行各项制度规定，坚决杜绝铺张浪费，努力建设节约型机关。\n";

    /// <summary>Wraps every paragraph at <paramref name="width"/> characters, as a PDF extraction does.</summary>
    public static List<string> HardWrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            for (var i = 0; i < paragraph.Length; i += width)
                lines.Add(paragraph.Substring(i, Math.Min(width, paragraph.Length - i)));
        return lines;
    }

    public static string Lines(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    public static string TempDir() => Directory.CreateTempSubdirectory("portal-lib-").FullName;

    public static string Write(string dir, string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }
}
