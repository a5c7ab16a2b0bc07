package org.bunnybook.query.account;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountByEmail;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.SearchProfiles;
import org.bunnybook.query.block.MemberBlocksSql;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Answers questions about accounts and profiles from the {@code accounts} table. */
@Component
class AccountQueries {

    private static final RowMapper<AccountView> ACCOUNT = (rs, row) -> new AccountView(
            rs.getObject("profile_id", UUID.class), rs.getString("username"), rs.getString("email"),
            Role.valueOf(rs.getString("role")), rs.getString("password_hash"));

    private final JdbcClient jdbc;

    AccountQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<AccountView> handle(FindAccountById query) {
        return jdbc.sql("SELECT * FROM accounts WHERE profile_id = :id")
                .param("id", query.profileId())
                .query(ACCOUNT)
                .optional();
    }

    @QueryHandler
    Optional<AccountView> handle(FindAccountByEmail query) {
        return jdbc.sql("SELECT * FROM accounts WHERE email = :email")
                .param("email", query.email().toLowerCase(Locale.ROOT))
                .query(ACCOUNT)
                .optional();
    }

    @QueryHandler
    List<ProfileSummary> handle(SearchProfiles query) {
        String literal = escapeLike(query.usernameQuery().toLowerCase(Locale.ROOT));
        return jdbc.sql("""
                        SELECT profile_id, username FROM accounts
                        WHERE lower(username) LIKE '%' || :q || '%' ESCAPE '\\'
                          AND NOT """ + MemberBlocksSql.between(":viewer", "profile_id") + """

                        ORDER BY lower(username) LIKE :q || '%' ESCAPE '\\' DESC, lower(username)
                        LIMIT :limit""")
                .param("q", literal)
                .param("viewer", query.viewerId())
                .param("limit", query.limit())
                .query((rs, row) -> new ProfileSummary(rs.getObject("profile_id", UUID.class),
                        rs.getString("username")))
                .list();
    }

    /** Makes {@code %}, {@code _} and the escape character itself match only themselves in a LIKE pattern. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
