package io.ticketsmith.review.notify;

import java.util.List;

/** The e-mail addresses of a group's members, wherever users are kept. */
@FunctionalInterface
interface GroupMembers {

    List<String> emailsOf(String groupId);
}
