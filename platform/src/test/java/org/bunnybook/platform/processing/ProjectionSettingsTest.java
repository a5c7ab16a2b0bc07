package org.bunnybook.platform.processing;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options PgJDBC opens a projection session with, however the operator gave theirs: the projections' settings
 * come last, so they win. (web's ProjectionConnectionsTest opens such sessions on PostgreSQL.)
 */
class ProjectionSettingsTest {

    private static final String SETTINGS = "-c synchronous_commit=off -c statement_timeout=30s";
    private static final String URL = "jdbc:postgresql://localhost:5432/bunnybook";

    @Test
    void withNoOptionsGivenTheSessionsGetTheSettings() {
        assertThat(optionsOpenedWith(URL, null)).isEqualTo(SETTINGS);
        assertThat(optionsOpenedWith(URL + "?ApplicationName=bunnies&", null)).isEqualTo(SETTINGS);
    }

    @Test
    void theSettingsFollowOptionsGivenToThePool() {
        assertThat(optionsOpenedWith(URL, "-c work_mem=5MB")).isEqualTo("-c work_mem=5MB " + SETTINGS);
    }

    @Test
    void theSettingsFollowOptionsGivenInTheUrlWhichPgJdbcTakesOverThePools() {
        assertThat(optionsOpenedWith(URL + "?options=-c+work_mem%3D5MB&ApplicationName=bunnies", "-c work_mem=6MB"))
                .isEqualTo("-c work_mem=5MB " + SETTINGS);
    }

    @Test
    void ofOptionsGivenTwiceInTheUrlTheLastIsFollowedAsPgJdbcTakesTheLast() {
        assertThat(optionsOpenedWith(URL + "?options=-c%20work_mem%3D5MB&options=-c%20work_mem%3D7MB", null))
                .isEqualTo("-c work_mem=7MB " + SETTINGS);
    }

    @Test
    void optionsNamedInTheUrlWithoutAValueGiveTheSettingsAlone() {
        assertThat(optionsOpenedWith(URL + "?options&ApplicationName=bunnies", "-c work_mem=6MB")).isEqualTo(SETTINGS);
    }

    /** What PgJDBC makes of the pool's URL and properties once given the projections' settings. */
    private static String optionsOpenedWith(String url, String poolOptions) {
        try (HikariDataSource pool = new HikariDataSource()) { // never started: no connection is opened
            pool.setJdbcUrl(url);
            if (poolOptions != null) {
                pool.addDataSourceProperty("options", poolOptions);
            }
            ProjectionConnections.openWithProjectionSettings(pool);
            return Driver.parseURL(pool.getJdbcUrl(), pool.getDataSourceProperties()).getProperty("options");
        }
    }
}
