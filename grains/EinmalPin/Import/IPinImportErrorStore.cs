using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>The rejected rows of imports (<c>pin_import_errors</c>), insert-only; a row stored twice stays once.</summary>
public interface IPinImportErrorStore
{
    Task AddAsync(Guid importId, IReadOnlyList<PinImportRowError> errors, CancellationToken cancellationToken = default);

    /// <summary>The errors of an import in row order (then column order of the file), paged.</summary>
    Task<IReadOnlyList<PinImportRowError>> ReadAsync(Guid importId, int offset, int max);
}
