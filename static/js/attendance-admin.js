/* The organisers' attendance page: the live figures in full, and who has not arrived yet. */
import { listAbsent } from "./absent.js";
import { watchAttendance } from "./attendance.js";
import { readJson } from "./dom.js";
import "./jobs.js"; // the Excel link made as a job, with its progress
import { openSocket } from "./live-client.js";

const eventId = readJson("event-data").id;
const socket = openSocket();
watchAttendance(socket, eventId, document.getElementById("attendance"), true);
listAbsent(socket, "/api/events/" + eventId + "/attendance/absent", document.getElementById("absent"));
