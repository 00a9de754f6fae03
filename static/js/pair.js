/* A tablet just paired: remember its door name (the door page reads "kiosk-door"), then open the door page. */
const data = JSON.parse(document.getElementById("pairing-data").textContent);
localStorage.setItem("kiosk-door", data.door);
location.replace(data.next);
