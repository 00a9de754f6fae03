/* The delegate's phone ballot page (/vote/{token}): the ballot (ballot-box.js) over the whole page. */
import { mountBallot } from "./ballot-box.js";
import { readJson } from "./dom.js";

mountBallot(document.getElementById("votes"), readJson("ballot-data"));
