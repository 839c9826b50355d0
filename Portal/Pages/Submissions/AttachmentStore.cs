using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>Attachments of submitted items, in <c>&lt;data directory&gt;/submissions</c> (shared by every instance of the portal).</summary>
public sealed class AttachmentStore(IConfiguration config, IHostEnvironment env, IOptions<SubmissionOptions> options)
    : FileStore(Path.Combine(DatabaseSetup.DataDirectory(config, env), "submissions"),
        options.Value.MaxAttachmentBytes, options.Value.AttachmentExtensions)
{
    public string? Check(IFormFile file) => Validate(file);
}
