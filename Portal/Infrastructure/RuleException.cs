namespace Portal.Infrastructure;

/// <summary>Why a command was refused: a rule of the office, an object that is not there (or not visible), an action the user may not take.</summary>
public enum Refusal { Rule, NotFound, Forbidden }

/// <summary>
/// The one way a command refuses, in every feature: entities and services throw it with a Chinese message,
/// and <see cref="RefusalFilter"/> turns it into the page shown again with the message (the input kept), a 404 or a 403.
/// </summary>
public sealed class RuleException(string message, Refusal kind = Refusal.Rule) : Exception(message)
{
    public Refusal Kind { get; } = kind;

    public static RuleException NotFound(string message = "要操作的内容不存在或已被删除。") => new(message, Refusal.NotFound);

    public static RuleException Forbidden(string message = "无权进行此操作。") => new(message, Refusal.Forbidden);
}
