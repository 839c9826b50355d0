namespace Portal.Data;

/// <summary>A reporting unit (单位): a county office, a city department, a liaison office, …</summary>
public class Unit
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public UnitKind Kind { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>Unit kinds named in the office's practice (domain.md §2.1).</summary>
public enum UnitKind
{
    CountyOffice = 1,      // 县（区）政府办公室
    CityDepartment = 2,    // 市直部门
    LiaisonOffice = 3,     // 驻外办事处
    TownshipOffice = 4,    // 乡镇（街道）
    InternalDivision = 5,  // 办公室内设处室
    Other = 9,
}

public static class UnitKindNames
{
    public static string Display(this UnitKind kind) => kind switch
    {
        UnitKind.CountyOffice => "县（区）政府办公室",
        UnitKind.CityDepartment => "市直部门",
        UnitKind.LiaisonOffice => "驻外办事处",
        UnitKind.TownshipOffice => "乡镇（街道）",
        UnitKind.InternalDivision => "内设处室",
        _ => "其他",
    };
}
