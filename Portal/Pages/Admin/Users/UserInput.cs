using System.ComponentModel.DataAnnotations;

namespace Portal.Pages.Admin.Users;

/// <summary>The account form of 新建用户 and 编辑用户.</summary>
public record UserInput
{
    [Required(ErrorMessage = "请输入用户名。")][StringLength(64, ErrorMessage = "用户名不能超过 64 个字符。")]
    public string UserName { get; set; } = "";
    [Required(ErrorMessage = "请输入姓名。")][StringLength(100, ErrorMessage = "姓名不能超过 100 个字。")]
    public string DisplayName { get; set; } = "";
    [Required(ErrorMessage = "请选择角色。")] public string Role { get; set; } = "";
    public int? UnitId { get; set; }
    [StringLength(30, ErrorMessage = "电话不能超过 30 个字符。")][RegularExpression(@"^[0-9 +\-()（）转]*$", ErrorMessage = "电话只能包含数字、空格和 +-()。")]
    public string? Phone { get; set; }

    public UserFields ToFields() => new(UserName, DisplayName, Role, UnitId, Phone);
    public static UserInput From(UserRow row) => new() { UserName = row.UserName, DisplayName = row.DisplayName, Role = row.Role, UnitId = row.UnitId, Phone = row.Phone };
}

/// <summary>What the account form partial shows: the values and the units offered.</summary>
public sealed record UserFormView(UserInput Input, IReadOnlyList<Data.Unit> Units);
