// Users and groups, from the capture's user list (or the live machine).

export interface UserInfo {
  uid: number;
  gid: number;
  name: string;
  homedir: string;
  shell: string;
}

export interface GroupInfo {
  gid: number;
  name: string;
}
