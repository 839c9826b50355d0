using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Portal.Infrastructure;

/// <summary>
/// Chinese messages wherever a form gives none of its own: validation attributes written without an ErrorMessage
/// ([StringLength(4000)]) and the model binder's messages for values it cannot read ("abc" for a date), which
/// ASP.NET Core writes in English.
/// </summary>
public sealed class ChineseValidationMessages : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        var name = context.Attributes.OfType<DisplayAttribute>().FirstOrDefault()?.GetName();
        foreach (var a in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (!string.IsNullOrEmpty(a.ErrorMessage) || a.ErrorMessageResourceName is not null) continue;
            a.ErrorMessage = a switch
            {
                StringLengthAttribute s => $"{name ?? "填写的内容"}不能超过 {s.MaximumLength} 个字。",
                RequiredAttribute => name is null ? "请填写必填项。" : $"请填写{name}。",
                RangeAttribute r => $"{name ?? "填写的数值"}应在 {r.Minimum} 到 {r.Maximum} 之间。",
                _ => $"{name ?? "填写的内容"}无效。",
            };
        }
    }

    public static void Apply(MvcOptions o)
    {
        o.ModelMetadataDetailsProviders.Add(new ChineseValidationMessages());
        var m = o.ModelBindingMessageProvider;
        static string Shown(string value) => value.Length > 30 ? value[..30] + "…" : value;
        m.SetAttemptedValueIsInvalidAccessor((value, _) => $"“{Shown(value)}”格式不正确。");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{Shown(value)}”格式不正确。");
        m.SetValueIsInvalidAccessor(value => $"“{Shown(value)}”格式不正确。");
        m.SetUnknownValueIsInvalidAccessor(_ => "填写的值格式不正确。");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值格式不正确。");
        m.SetValueMustBeANumberAccessor(_ => "请填写数字。");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "请填写数字。");
        m.SetValueMustNotBeNullAccessor(_ => "请填写此项。");
        m.SetMissingBindRequiredValueAccessor(_ => "缺少必填项。");
        m.SetMissingKeyOrValueAccessor(() => "缺少必填项。");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容为空。");
    }
}

public static class ModelStateMessages
{
    /// <summary>A command's list of refusals (one per row or field it checked), shown by the status partial.</summary>
    public static void AddErrors(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IEnumerable<string> errors)
    {
        foreach (var error in errors) modelState.AddModelError(string.Empty, error);
    }
}
