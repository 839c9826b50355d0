using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>Attachments of progress reports, in <c>&lt;data directory&gt;/</c><see cref="SupervisionOptions.AttachmentFolder"/>.</summary>
public sealed class AttachmentStore(IConfiguration config, IHostEnvironment env, IOptions<SupervisionOptions> options)
    : FileStore(Path.Combine(DatabaseSetup.DataDirectory(config, env), options.Value.AttachmentFolder),
        options.Value.MaxAttachmentBytes, options.Value.AttachmentExtensions);
