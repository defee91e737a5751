-- The catalog database and the login catalog-cdc uses (sqlcmd variables DB, USR, PWD_).
-- db_owner: Debezium reads the CDC change tables and the migrations enable CDC per table.
IF DB_ID(N'$(DB)') IS NULL
    CREATE DATABASE [$(DB)];
GO
IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'$(USR)')
    CREATE LOGIN [$(USR)] WITH PASSWORD = N'$(PWD_)', CHECK_POLICY = ON;
GO
USE [$(DB)];
GO
-- sp_cdc_enable_db needs sysadmin: enabled here, as sa (the migration V2 then skips it).
IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE name = DB_NAME() AND is_cdc_enabled = 1)
    EXEC sys.sp_cdc_enable_db;
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'$(USR)')
    CREATE USER [$(USR)] FOR LOGIN [$(USR)];
ALTER ROLE db_owner ADD MEMBER [$(USR)];
GO
