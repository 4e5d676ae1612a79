using Kasse.Grains.EinmalPin.Import;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The uploaded file of a DWH import in chunks (<c>dwh_import_chunks</c>), kept until the job ends so that it resumes
/// after a silo restart. The same contract as the EinmalPIN import's chunks, so its chunk stream reads these too.
/// </summary>
public interface IDwhImportChunkStore : IPinImportChunkStore;
