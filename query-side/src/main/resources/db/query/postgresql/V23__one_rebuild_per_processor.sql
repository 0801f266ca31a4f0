-- At most one rebuild of a processor at a time, across instances.
CREATE UNIQUE INDEX read_model_rebuild_running_idx ON read_model_rebuild (processor) WHERE status = 'replaying';
