package org.bunnybook.command.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The roster in PostgreSQL, written in the command's transaction. Locking every admin's row first means that of two
 * admins demoting each other at once (on one node or many), the second waits for the first to commit and then sees
 * one admin fewer.
 */
@Component
class AdminRosterTable implements AdminRoster {

    private final JdbcClient jdbc;

    AdminRosterTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<UUID> lockAll() {
        return jdbc.sql("SELECT profile_id FROM admin_roster ORDER BY profile_id FOR UPDATE").query(UUID.class).list();
    }

    @Override
    public void add(UUID profileId) {
        jdbc.sql("INSERT INTO admin_roster (profile_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .param("id", profileId)
                .update();
    }

    @Override
    public void remove(UUID profileId) {
        jdbc.sql("DELETE FROM admin_roster WHERE profile_id = :id").param("id", profileId).update();
    }
}
