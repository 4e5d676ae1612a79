using Kasse.Grains.EinmalPin.Import;
using Npgsql;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>Import chunks in <c>dwh_import_chunks</c> (deleted when the job ends); the EinmalPIN store on another table.</summary>
public sealed class PostgresDwhImportChunkStore(NpgsqlDataSource dataSource)
    : PostgresPinImportChunkStore(dataSource, "dwh_import_chunks"), IDwhImportChunkStore;
