export function FriendsPage() {
  return null;
}
