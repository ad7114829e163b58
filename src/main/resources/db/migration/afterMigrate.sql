-- Flyway runs this callback after every migrate (it is not a versioned migration: it runs each time, and may be
-- changed). It keeps the group role oms_readwrite able to read and write every table and sequence of the schema,
-- those of migrations still to come included, and unable to change the schema: the service logs in with a
-- member of it, the migrations with the schema owner. See README, "Migrations and database roles".
do $$
begin
    if not exists (select from pg_roles where rolname = 'oms_readwrite') then
        begin
            create role oms_readwrite nologin;
        exception
            when duplicate_object then
                null; -- created meanwhile by the migration of another database of this server
            when insufficient_privilege then
                raise exception 'role oms_readwrite does not exist and % may not create it: create it first '
                    '(k8s: the CloudNativePG Cluster''s managed roles; elsewhere: create role oms_readwrite nologin)',
                    current_user;
        end;
    end if;
    execute format('grant usage on schema %I to oms_readwrite', current_schema());
    execute format('grant select, insert, update, delete on all tables in schema %I to oms_readwrite',
                   current_schema());
    execute format('grant usage, select on all sequences in schema %I to oms_readwrite', current_schema());
    -- What later migrations create (as this same role) gets the same grants the moment it is created.
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables '
                   'to oms_readwrite', current_schema());
    execute format('alter default privileges in schema %I grant usage, select on sequences to oms_readwrite',
                   current_schema());
    -- The service reads Flyway's history (it checks the schema at start-up) and never writes it.
    execute format('revoke insert, update, delete on %I.flyway_schema_history from oms_readwrite',
                   current_schema());
end
$$;
