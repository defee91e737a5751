-- Change data capture for the three catalog tables (Debezium's SQL Server connector reads the CDC tables).
-- Needs sysadmin for sp_cdc_enable_db and a running SQL Server Agent for the capture job.
IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE name = DB_NAME() AND is_cdc_enabled = 1)
    EXEC sys.sp_cdc_enable_db;

EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'movies',
     @role_name = NULL, @supports_net_changes = 0;
EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'people',
     @role_name = NULL, @supports_net_changes = 0;
EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'movie_people',
     @role_name = NULL, @supports_net_changes = 0;
