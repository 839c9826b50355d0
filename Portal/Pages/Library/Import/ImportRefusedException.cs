namespace Portal.Pages.Library.Import;

/// <summary>A file the library will not import; <see cref="Exception.Message"/> is the reason shown to the user, in Chinese.</summary>
public sealed class ImportRefusedException(string reason) : Exception(reason);
